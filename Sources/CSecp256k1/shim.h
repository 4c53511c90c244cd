// libsecp256k1 with the modules Sheaf uses: ECDSA, public-key recovery, extra keys
// and Schnorr signatures.
#ifndef SHEAF_CSECP256K1_SHIM_H
#define SHEAF_CSECP256K1_SHIM_H
#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>
#endif
