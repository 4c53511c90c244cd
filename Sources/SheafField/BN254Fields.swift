/// Parameters of BN254's base field, p = 36x⁴ + 36x³ + 24x² + 6x + 1 with
/// x = 4965661367192848881 (`scripts/bn254_constants.py`).
public enum BN254FpParameters: TwoAdicParameters {
    /// The name used in messages.
    public static let name = "BN254 Fp"
    /// The prime p, least significant limb first.
    public static let modulus: Limbs4 = (0x3c20_8c16_d87c_fd47, 0x9781_6a91_6871_ca8d, 0xb850_45b6_8181_585d, 0x3064_4e72_e131_a029)
    /// R mod p with R = 2²⁵⁶: the Montgomery form of 1.
    public static let r1: Limbs4 = (0xd35d_438d_c58f_0d9d, 0x0a78_eb28_f5c7_0b3d, 0x666e_a36f_7879_462c, 0x0e0a_77c1_9a07_df2f)
    /// R² mod p, which converts a canonical value into Montgomery form.
    public static let r2: Limbs4 = (0xf32c_fc5b_538a_fa89, 0xb5e7_1911_d445_01fb, 0x47ab_1eff_0a41_7ff6, 0x06d8_9f71_cab8_351f)
    /// R³ mod p, which restores Montgomery form after inverting raw limbs.
    public static let r3: Limbs4 = (0xb1cd_6daf_da15_30df, 0x62f2_10e6_a728_3db6, 0xef7f_0b0c_0ada_0afb, 0x20fd_6e90_2d59_2544)
    /// −p⁻¹ mod 2⁶⁴, the per-limb factor of Montgomery reduction.
    public static let inverseNegModulus: UInt = 0x87d2_0782_e486_6389
    /// p has 254 bits.
    public static let bitWidth = 254
    /// p ≡ 3 (mod 4), so p − 1 = 2·t with t odd.
    public static let twoAdicity = 1
    /// 3 is not a square modulo p.
    public static let quadraticNonResidue: UInt64 = 3
}

/// Parameters of BN254's scalar field (the group order),
/// r = 36x⁴ + 36x³ + 18x² + 6x + 1.
public enum BN254FrParameters: TwoAdicParameters {
    /// The name used in messages.
    public static let name = "BN254 Fr"
    /// The prime r (the order of G1, G2 and G_T), least significant limb first.
    public static let modulus: Limbs4 = (0x43e1_f593_f000_0001, 0x2833_e848_79b9_7091, 0xb850_45b6_8181_585d, 0x3064_4e72_e131_a029)
    /// R mod r with R = 2²⁵⁶: the Montgomery form of 1.
    public static let r1: Limbs4 = (0xac96_341c_4fff_fffb, 0x36fc_7695_9f60_cd29, 0x666e_a36f_7879_462e, 0x0e0a_77c1_9a07_df2f)
    /// R² mod r, which converts a canonical value into Montgomery form.
    public static let r2: Limbs4 = (0x1bb8_e645_ae21_6da7, 0x53fe_3ab1_e35c_59e3, 0x8c49_833d_53bb_8085, 0x0216_d0b1_7f4e_44a5)
    /// R³ mod r, which restores Montgomery form after inverting raw limbs.
    public static let r3: Limbs4 = (0x5e94_d8e1_b4bf_0040, 0x2a48_9cbe_1cfb_b6b8, 0x893c_c664_a19f_cfed, 0x0cf8_594b_7fcc_657c)
    /// −r⁻¹ mod 2⁶⁴, the per-limb factor of Montgomery reduction.
    public static let inverseNegModulus: UInt = 0xc2e1_f593_efff_ffff
    /// r has 254 bits.
    public static let bitWidth = 254
    /// r − 1 = 2²⁸·t with t odd: FFT domains of up to 2²⁸ points exist.
    public static let twoAdicity = 28
    /// 5 is not a square modulo r; 5^t is the 2²⁸-th root of unity.
    public static let quadraticNonResidue: UInt64 = 5
}

/// BN254's base field, over which G1 is defined.
public typealias Fp = MontgomeryField<BN254FpParameters>

/// BN254's scalar field: exponents of G1, G2 and G_T, and the field of circuits.
public typealias Fr = MontgomeryField<BN254FrParameters>

extension MontgomeryField where P == BN254FrParameters {
    /// A primitive 2²⁸-th root of unity, 5^t for the odd part t of r − 1.
    public static let twoAdicRootOfUnity = try! Fr(decimal: "19103219067921713944291392827692070036145651957329286315305642004821462161904")
}
