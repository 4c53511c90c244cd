# pragma version 0.4.3
# pragma optimize gas
# pragma evm-version cancun
# pragma experimental-codegen
"""
@title Sheaf settlement: many Groth16 proofs, one pairing check, one recorded root
@notice One contract per aggregation layer, no constructor arguments.
        registerKey stores a BN254 Groth16 verifying key once, as the code of a
        small data contract, filed under Sheaf's key hash (keccak256 of the key's
        canonical bytes). settle checks a bundle's proofs with ONE
        random-linear-combination ECPAIRING over n + 3k pairs (fewer when keys
        share the first key's alpha and beta, or its gamma, as snarkjs keys do),
        records the bundle's manifest root and logs every application. isSettled lets any
        contract check that its statement is under a recorded root.
@dev    Formats (the same as Sheaf's Swift side, which writes the calldata):
        - key bytes: alpha (G1) | beta | gamma | delta (G2, EIP-197 order
          x.c1 x.c0 y.c1 y.c0) | icCount (32-byte word) | ic[0..icCount-1] (G1).
        - applicationId = keccak256(application id string);
          statementHash = keccak256(keyHash | x_1 .. x_l);
          leaf = keccak256(0x00 | applicationId | statementHash);
          node = keccak256(0x01 | left | right), an odd last node promoted.
        - weights from a keccak chain that starts at the manifest root:
          t_0 = root, t_i = keccak256(t_(i-1) | claim i's 8 proof words
          [| its D and pi]), rho_i = t_i mod 2^128. The root fixes every
          statement before any weight is drawn, and each weight is drawn after
          its own proof, so for the last false claim the weight is fresh: a
          false bundle passes with probability at most 2^-128 per hash tried,
          as when every weight is drawn after every proof.
        - commit-and-prove (BSB22) keys: the key bytes followed by g and -sigma*g
          (G2, 128 bytes each), icCount counting the lookup challenge's IC point
          (the last); keyHash = keccak256 of all of it. Their claims carry the
          commitment D and knowledge proof pi in settle's fourth array; the
          challenge X = keccak256(D) mod r is computed here and D is added to the
          input point; the knowledge checks e(D, -sigma*g) e(pi, g) = 1 are
          combined per key with weights rho'_i = keccak256(t_i | 0x01) mod
          2^128, independent of the Groth16 ones.
        Memory: Vyper reserves every local at its maximum size, and memory
        expansion is quadratic, so the bounds below are kept small; Sheaf's
        planner splits larger bundles into several settle calls.
        Gas: settle's loops use unsafe_add/unsafe_mul/unsafe_sub for offsets
        and counters, each bounded where it is introduced (every offset lies
        below len(msg.data), checked against the encoding; n <= MAXP; a key's
        l <= MAXL); checked arithmetic costs a conditional jump per operation,
        about 800 gas a claim in all.
"""

P: constant(uint256) = 21888242871839275222246405745257275088696311157297823662689037894645226208583
R: constant(uint256) = 21888242871839275222246405745257275088548364400416034343698204186575808495617
MASK128: constant(uint256) = 340282366920938463463374607431768211455

ECADD: constant(address) = 0x0000000000000000000000000000000000000006
ECMUL: constant(address) = 0x0000000000000000000000000000000000000007
ECPAIRING: constant(address) = 0x0000000000000000000000000000000000000008

MAXL: constant(uint256) = 32                       # public inputs per key
MAXKEY: constant(uint256) = 480 + 64 * (MAXL + 2) + 256  # canonical key bytes, a commit-and-prove key's: 2,912
MAXP: constant(uint256) = 96                       # pairing pairs per settle: n + 3k + 2kc <= MAXP
MAXK: constant(uint256) = 32                       # keys per settle
MAXKC: constant(uint256) = 8                       # commit-and-prove keys per settle (kc)
COMMITTED: constant(uint256) = 1 << 255            # keyInfo flag of a commit-and-prove key

event BundleSettled:
    root: indexed(bytes32)
    count: uint256

event KeyRegistered:
    keyHash: indexed(bytes32)
    keyData: address

# keyHash -> key data contract | (icCount << 160) | COMMITTED for a
# commit-and-prove key; zero = not registered
keyInfo: HashMap[bytes32, uint256]
# manifest root -> number of leaves; nonzero = settled, and it fixes where the
# Merkle tree promoted nodes, which isSettled needs
leafCount: public(HashMap[bytes32, uint256])


@internal
@view
def _ecadd(x1: uint256, y1: uint256, x2: uint256, y2: uint256) -> (uint256, uint256):
    ok: bool = False
    out: Bytes[64] = b""
    ok, out = raw_call(ECADD, abi_encode(x1, y1, x2, y2), max_outsize=64, is_static_call=True, revert_on_failure=False)
    assert ok, "invalid G1 point"
    return abi_decode(out, (uint256, uint256))


@external
def registerKey(key: Bytes[MAXKEY]) -> bytes32:
    """
    @notice Files a verifying key under keccak256(key). Registering a key twice
            changes nothing. Reverts unless every coordinate is below p, alpha
            and every IC point are on the curve, beta, gamma and delta are on the
            twist and in G2, and none of alpha, beta, gamma, delta is infinity.
            A commit-and-prove key (its length says so: 256 bytes more, g and
            -sigma*g) has its two G2 points checked the same way.
    """
    h: bytes32 = keccak256(key)
    if self.keyInfo[h] != 0:
        return h
    assert len(key) >= 544, "key length"
    icCount: uint256 = extract32(key, 448, output_type=uint256)
    committed: bool = len(key) != 480 + 64 * icCount
    if committed:
        assert icCount >= 2 and icCount <= MAXL + 2 and len(key) == 736 + 64 * icCount, "key length"
    else:
        assert icCount >= 1 and icCount <= MAXL + 1, "key length"
    ax: uint256 = extract32(key, 0, output_type=uint256)
    ay: uint256 = extract32(key, 32, output_type=uint256)
    assert ax < P and ay < P, "coordinate >= p"
    assert ax | ay != 0, "alpha at infinity"
    z: uint256 = 0
    self._ecadd(ax, ay, z, z)
    g2: uint256[12] = empty(uint256[12])
    for i: uint256 in range(12):
        g2[i] = extract32(key, 64 + 32 * i, output_type=uint256)
        assert g2[i] < P, "coordinate >= p"
    for t: uint256 in range(3):
        assert g2[4 * t] | g2[4 * t + 1] | g2[4 * t + 2] | g2[4 * t + 3] != 0, "G2 point at infinity"
    # ECPAIRING checks that every G2 point is on the twist and in the subgroup;
    # with infinity as every G1 partner the product is 1.
    ok: bool = False
    out: Bytes[32] = b""
    ok, out = raw_call(ECPAIRING, abi_encode(z, z, g2[0], g2[1], g2[2], g2[3], z, z, g2[4], g2[5], g2[6], g2[7], z, z, g2[8], g2[9], g2[10], g2[11]), max_outsize=32, is_static_call=True, revert_on_failure=False)
    assert ok, "invalid G2 point"
    if committed:
        c2: uint256[8] = empty(uint256[8])
        for i: uint256 in range(8):
            c2[i] = extract32(key, 480 + 64 * icCount + 32 * i, output_type=uint256)
            assert c2[i] < P, "coordinate >= p"
        assert c2[0] | c2[1] | c2[2] | c2[3] != 0 and c2[4] | c2[5] | c2[6] | c2[7] != 0, "G2 point at infinity"
        ok, out = raw_call(ECPAIRING, abi_encode(z, z, c2[0], c2[1], c2[2], c2[3], z, z, c2[4], c2[5], c2[6], c2[7]), max_outsize=32, is_static_call=True, revert_on_failure=False)
        assert ok, "invalid G2 point"
    for j: uint256 in range(MAXL + 2):
        if j == icCount:
            break
        x: uint256 = extract32(key, 480 + 64 * j, output_type=uint256)
        y: uint256 = extract32(key, 512 + 64 * j, output_type=uint256)
        assert x < P and y < P, "coordinate >= p"
        self._ecadd(x, y, z, z)
    # The data contract's code is 0x00 (STOP, so calling it does nothing) | key.
    # Its init code: PUSH2 size; DUP1; PUSH1 10; PUSH0; CODECOPY; PUSH0; RETURN.
    size: uint256 = len(key) + 1
    initcode: Bytes[MAXKEY + 11] = concat(b"\x61", convert(convert(size, uint16), bytes2), b"\x80\x60\x0a\x5f\x39\x5f\xf3\x00", key)
    a: address = raw_create(initcode)
    flag: uint256 = 0
    if committed:
        flag = COMMITTED
    self.keyInfo[h] = convert(a, uint256) | (icCount << 160) | flag
    log KeyRegistered(keyHash=h, keyData=a)
    return h


@external
@view
def isRegistered(keyHash: bytes32) -> bool:
    return self.keyInfo[keyHash] != 0


@external
def __default__() -> bytes32:
    """
    @notice settle(bytes32[] keyHashes, (bytes32,uint256,uint256[8])[] claims,
            uint256[] inputs) -> bytes32, selector 0xcfe9d7ba, and
            settle(bytes32[] keyHashes, (bytes32,uint256,uint256[8])[] claims,
            uint256[] inputs, uint256[4][] commitments) -> bytes32 for bundles
            with commit-and-prove claims: commitments[c] = (D, pi) of the c-th
            claim whose key is a commit-and-prove key, in claim order.
            Verifies every claim's proof in one pairing check and records the
            root of the claims' manifest. Reverts (the whole call) on an
            unregistered key, a bad key index, an input count that does not add
            up, a commitment count that does not match, an input >= r, an
            invalid point or a failing check. Settling a root that is already
            recorded returns it and changes nothing.
            G1 points go through Vyper's ecmul/ecadd builtins, which revert
            without a reason string when a point is invalid (cheaper than
            re-encoding each call; about 900 gas a claim).
    @dev    Declared arrays would make Vyper reserve memory for their largest
            size, and memory expansion is quadratic, so settle reads its
            arguments from calldata word by word instead, behind a manual
            selector check. It accepts only the canonical ABI encoding (head
            offsets, then each array in order, nothing after); any other
            selector reverts. Not listed in the ABI JSON.
    """
    sel: bytes4 = convert(slice(msg.data, 0, 4), bytes4)
    withCommitments: bool = sel == method_id("settle(bytes32[],(bytes32,uint256,uint256[8])[],uint256[],uint256[4][])", output_type=bytes4)
    assert withCommitments or sel == method_id("settle(bytes32[],(bytes32,uint256,uint256[8])[],uint256[])", output_type=bytes4), "unknown function"
    head: uint256 = 96
    if withCommitments:
        head = 128
    assert convert(slice(msg.data, 4, 32), uint256) == head, "encoding"
    k: uint256 = convert(slice(msg.data, 4 + head, 32), uint256)
    assert k <= MAXK, "too many keys"
    claimsAt: uint256 = head + 32 + 32 * k
    assert convert(slice(msg.data, 36, 32), uint256) == claimsAt, "encoding"
    n: uint256 = convert(slice(msg.data, 4 + claimsAt, 32), uint256)
    assert n > 0, "no claims"
    inputsAt: uint256 = claimsAt + 32 + 320 * n
    assert convert(slice(msg.data, 68, 32), uint256) == inputsAt, "encoding"
    m: uint256 = convert(slice(msg.data, 4 + inputsAt, 32), uint256)
    end: uint256 = 4 + inputsAt + 32 + 32 * m
    cm: uint256 = 0                     # commitments
    d0: uint256 = 0                     # first commitment
    if withCommitments:
        assert convert(slice(msg.data, 100, 32), uint256) == end - 4, "encoding"
        cm = convert(slice(msg.data, end, 32), uint256)
        assert cm > 0, "no commitments"
        d0 = end + 32
        end = d0 + 128 * cm
    assert len(msg.data) == end, "encoding"
    c0: uint256 = 4 + claimsAt + 32     # first claim
    x0: uint256 = 4 + inputsAt + 32     # first input
    xEnd: uint256 = x0 + 32 * m

    # keyInfo words, with a commit-and-prove key's accumulator slot in bits
    # 176..183 (memory only).
    keyHashes: DynArray[uint256, MAXK] = []
    info: DynArray[uint256, MAXK] = []
    kc: uint256 = 0
    for j: uint256 in range(k, bound=MAXK):
        h: uint256 = convert(slice(msg.data, 4 + head + 32 + 32 * j, 32), uint256)
        v: uint256 = self.keyInfo[convert(h, bytes32)]
        assert v != 0, "unregistered key"
        if v >= COMMITTED:
            assert withCommitments, "commit-and-prove key without commitments"
            v |= kc << 176
            kc += 1
        keyHashes.append(h)
        info.append(v)
    assert kc <= MAXKC, "too many commit-and-prove keys"
    # At least n + k + 2 + 2kc pairs (every key sharing the first key's alpha,
    # beta and gamma; see below); the pairing input's bounds check refuses the
    # rest.
    assert n + k + 2 + 2 * kc <= MAXP, "too many pairs"

    # Pass 1: leaves into the Merkle root (a binary counter of perfect
    # subtrees, folded right to left at the end: the same tree as Sheaf's, where
    # an odd last node is promoted), every input checked below r, and where
    # each run of consecutive claims under one key ends.
    stack: bytes32[8] = empty(bytes32[8])
    sw: uint256[MAXL + 1] = empty(uint256[MAXL + 1])   # keyHash | inputs, hashed up to l + 1 words
    pos: uint256 = x0
    ci: uint256 = 0
    runEnds: uint256 = 1 << (n - 1)     # bit i: claim i is the last of its run
    prevJ: uint256 = 0
    for i: uint256 in range(n, bound=MAXP):
        at: uint256 = unsafe_add(c0, unsafe_mul(320, i))
        j: uint256 = convert(slice(msg.data, unsafe_add(at, 32), 32), uint256)
        assert j < k, "key index"
        if j != prevJ and i != 0:
            runEnds |= 1 << unsafe_sub(i, 1)
        prevJ = j
        committed: uint256 = info[j] >> 255
        ell: uint256 = unsafe_sub(unsafe_sub((info[j] >> 160) & 65535, 1), committed)
        assert unsafe_add(pos, unsafe_mul(32, ell)) <= xEnd, "input count"
        sw[0] = keyHashes[j]
        for t: uint256 in range(ell, bound=MAXL):
            x: uint256 = convert(slice(msg.data, unsafe_add(pos, unsafe_mul(32, t)), 32), uint256)
            assert x < R, "input >= r"
            sw[unsafe_add(t, 1)] = x
        pos = unsafe_add(pos, unsafe_mul(32, ell))
        h: bytes32 = keccak256(concat(b"\x00", slice(msg.data, at, 32), keccak256(slice(abi_encode(sw), 0, unsafe_mul(32, unsafe_add(ell, 1))))))
        for lvl: uint256 in range(8):
            if (i >> lvl) & 1 == 0:
                stack[lvl] = h
                break
            h = keccak256(concat(b"\x01", stack[lvl], h))
        if committed == 1:
            assert ci < cm, "commitment count"
            ci = unsafe_add(ci, 1)
    assert pos == xEnd, "input count"
    assert ci == cm, "commitment count"
    root: bytes32 = empty(bytes32)
    started: bool = False
    for lvl: uint256 in range(8):
        if (n >> lvl) & 1 == 1:
            if started:
                root = keccak256(concat(b"\x01", stack[lvl], root))
            else:
                root = stack[lvl]
                started = True
    if self.leafCount[root] != 0:
        return root

    # Pass 2: weights, the claims' pairs, and per key the sums sum(rho),
    # sum(rho*C) and the input combination; inputs are combined per run of
    # consecutive claims under one key (one ECMUL per input per run). A
    # commit-and-prove claim adds rho*X to its run's challenge slot (the
    # key's last IC point), rho*D to the key's input point, and rho'*D, rho'*pi
    # to its key's knowledge sums. Each claim's application is logged here:
    # a failing check reverts the logs with everything else.
    # tape: the weights' keccak chain (t_i in the header).
    tape: bytes32 = root
    rhoSum: uint256[MAXK] = empty(uint256[MAXK])
    cAcc: uint256[2][MAXK] = empty(uint256[2][MAXK])
    sAcc: uint256[2][MAXK] = empty(uint256[2][MAXK])
    kAcc: uint256[4][MAXKC] = empty(uint256[4][MAXKC])
    run: uint256[MAXL + 1] = empty(uint256[MAXL + 1])
    # A static array, not a DynArray: its ABI encoding is its memory image, and
    # this costs about 5,000 gas less a call in memory and copies.
    pairs: uint256[6][MAXP] = empty(uint256[6][MAXP])
    np: uint256 = 0                     # pairs written
    pos = x0
    ci = 0
    for i: uint256 in range(n, bound=MAXP):
        at: uint256 = unsafe_add(c0, unsafe_mul(320, i))
        j: uint256 = convert(slice(msg.data, unsafe_add(at, 32), 32), uint256)
        committed: uint256 = info[j] >> 255
        ell: uint256 = unsafe_sub(unsafe_sub((info[j] >> 160) & 65535, 1), committed)
        tape = keccak256(concat(tape, slice(msg.data, unsafe_add(at, 64), 256)))
        if committed == 1:
            tape = keccak256(concat(tape, slice(msg.data, unsafe_add(d0, unsafe_mul(128, ci)), 128)))
        rho: uint256 = convert(tape, uint256) & MASK128
        raw_log([convert(slice(msg.data, at, 32), bytes32)], b"")
        rhoSum[j] = unsafe_add(rhoSum[j], rho)
        for t: uint256 in range(ell, bound=MAXL):
            run[t] = uint256_addmod(run[t], uint256_mulmod(rho, convert(slice(msg.data, unsafe_add(pos, unsafe_mul(32, t)), 32), uint256), R), R)
        pos = unsafe_add(pos, unsafe_mul(32, ell))
        if committed == 1:
            at2: uint256 = d0 + 128 * ci
            ci += 1
            d: uint256[2] = abi_decode(slice(msg.data, at2, 64), uint256[2])
            x: uint256 = convert(keccak256(slice(msg.data, at2, 64)), uint256) % R
            run[ell] = uint256_addmod(run[ell], uint256_mulmod(rho, x, R), R)
            sAcc[j] = ecadd(sAcc[j], ecmul(d, rho))
            rho2: uint256 = convert(keccak256(concat(tape, b"\x01")), uint256) & MASK128
            slot: uint256 = (info[j] >> 176) & 255
            q: uint256[2] = ecadd([kAcc[slot][0], kAcc[slot][1]], ecmul(d, rho2))
            r: uint256[2] = ecadd([kAcc[slot][2], kAcc[slot][3]], ecmul(abi_decode(slice(msg.data, at2 + 64, 64), uint256[2]), rho2))
            kAcc[slot] = [q[0], q[1], r[0], r[1]]
        pr: uint256[8] = abi_decode(slice(msg.data, unsafe_add(at, 64), 256), uint256[8])
        ra: uint256[2] = ecmul([pr[0], pr[1]], rho)
        pairs[np] = [ra[0], ra[1], pr[2], pr[3], pr[4], pr[5]]
        np = unsafe_add(np, 1)
        cAcc[j] = ecadd(cAcc[j], ecmul([pr[6], pr[7]], rho))
        # End of a run: fold its input sums (and challenge sum) into the key's combination.
        width: uint256 = unsafe_add(ell, committed)
        if width > 0 and (runEnds >> i) & 1 == 1:
            a: address = convert(convert(info[j] & convert(max_value(uint160), uint256), uint160), address)
            for t: uint256 in range(width, bound=MAXL + 1):
                sAcc[j] = ecadd(sAcc[j], ecmul(abi_decode(slice(a.code, 545 + 64 * t, 64), uint256[2]), run[t]))
                run[t] = 0

    # Per key: (-(sum rho)*alpha, beta), (-S, gamma), (-sum rho*C, delta), with
    # S = (sum rho)*ic[0] + sum_t (sum rho*x_t)*ic[t] (+ sum rho*D); per
    # commit-and-prove key also (sum rho'*D, -sigma*g) and (sum rho'*pi, g).
    # A key whose alpha and beta, or whose gamma, are the first key's shares
    # that key's pair: e(P1, Q) e(P2, Q) = e(P1 + P2, Q), so its term is added
    # into the first key's (its sum rho to s0, its S to g0) instead of paying a
    # pair of its own (34,000 gas); the first key's two pairs come last. Every
    # snarkjs key has gamma = the G2 generator, and keys made from one
    # powers-of-tau file share alpha and beta.
    first: uint256[17] = empty(uint256[17])
    s0: uint256 = 0
    g0: uint256[2] = empty(uint256[2])
    for j: uint256 in range(k, bound=MAXK):
        a: address = convert(convert(info[j] & convert(max_value(uint160), uint256), uint160), address)
        s: uint256 = rhoSum[j] % R
        # alpha | beta | gamma | delta | icCount | ic[0]: one code copy.
        kw: uint256[17] = abi_decode(slice(a.code, 1, 544), uint256[17])
        if j == 0:
            first = kw
        q: uint256[2] = empty(uint256[2])
        if j == 0 or (kw[0] == first[0] and kw[1] == first[1] and kw[2] == first[2] and kw[3] == first[3] and kw[4] == first[4] and kw[5] == first[5]):
            s0 = uint256_addmod(s0, s, R)
        else:
            q = ecmul([kw[0], kw[1]], unsafe_sub(R, s))
            pairs[np] = [q[0], q[1], kw[2], kw[3], kw[4], kw[5]]
            np = unsafe_add(np, 1)
        q = ecadd(ecmul([kw[15], kw[16]], s), sAcc[j])
        if j == 0:
            g0 = q
        elif kw[6] == first[6] and kw[7] == first[7] and kw[8] == first[8] and kw[9] == first[9]:
            g0 = ecadd(g0, q)
        else:
            py: uint256 = q[1]
            if py != 0:
                py = unsafe_sub(P, py)
            pairs[np] = [q[0], py, kw[6], kw[7], kw[8], kw[9]]
            np = unsafe_add(np, 1)
        cy: uint256 = cAcc[j][1]
        if cy != 0:
            cy = unsafe_sub(P, cy)
        pairs[np] = [cAcc[j][0], cy, kw[10], kw[11], kw[12], kw[13]]
        np = unsafe_add(np, 1)
        if info[j] >= COMMITTED:
            slot: uint256 = (info[j] >> 176) & 255
            g: uint256 = 481 + 64 * ((info[j] >> 160) & 65535)
            b: uint256[4] = abi_decode(slice(a.code, g + 128, 128), uint256[4])
            pairs[np] = [kAcc[slot][0], kAcc[slot][1], b[0], b[1], b[2], b[3]]
            np += 1
            b = abi_decode(slice(a.code, g, 128), uint256[4])
            pairs[np] = [kAcc[slot][2], kAcc[slot][3], b[0], b[1], b[2], b[3]]
            np += 1
    q0: uint256[2] = ecmul([first[0], first[1]], unsafe_sub(R, s0))
    pairs[np] = [q0[0], q0[1], first[2], first[3], first[4], first[5]]
    gy: uint256 = g0[1]
    if gy != 0:
        gy = unsafe_sub(P, gy)
    pairs[unsafe_add(np, 1)] = [g0[0], gy, first[6], first[7], first[8], first[9]]
    np = unsafe_add(np, 2)

    ok: bool = False
    out: Bytes[32] = b""
    ok, out = raw_call(ECPAIRING, slice(abi_encode(pairs), 0, 192 * np), max_outsize=32, is_static_call=True, revert_on_failure=False)
    assert ok, "invalid G2 point"
    assert convert(out, uint256) == 1, "pairing check failed"

    self.leafCount[root] = n
    log BundleSettled(root=root, count=n)
    return root


@external
def settleTree(roots: DynArray[bytes32, 64]) -> bytes32:
    """
    @notice Records the manifest root of a bundle that was settled in parts:
            `roots` are the roots the parts recorded, in manifest order. Every
            part but the last holds the same power-of-two number of leaves w and
            the last at most w, so each part is a whole subtree of the bundle's
            tree and the bundle's root is the tree over the parts' roots (inner
            nodes only, an odd last node promoted). Nothing is verified here that
            settle did not verify: every leaf under the new root was settled.
            Records leafCount[root] = n and emits BundleSettled once.
    """
    m: uint256 = len(roots)
    assert m > 0, "no parts"
    w: uint256 = self.leafCount[roots[0]]
    assert w != 0, "part not settled"
    if m == 1:
        return roots[0]
    assert w & (w - 1) == 0, "part width"
    last: uint256 = self.leafCount[roots[m - 1]]
    assert last != 0 and last <= w, "part not settled"
    for i: uint256 in range(64):
        if i + 1 >= m:
            break
        if i > 0:
            assert self.leafCount[roots[i]] == w, "part width"
    n: uint256 = w * (m - 1) + last
    level: DynArray[bytes32, 64] = roots
    width: uint256 = m
    for lvl: uint256 in range(7):
        if width == 1:
            break
        half: uint256 = width // 2
        for q: uint256 in range(half, bound=32):
            level[q] = keccak256(concat(b"\x01", level[2 * q], level[2 * q + 1]))
        if width % 2 == 1:
            level[half] = level[width - 1]
            width = half + 1
        else:
            width = half
    root: bytes32 = level[0]
    if self.leafCount[root] == 0:
        self.leafCount[root] = n
        log BundleSettled(root=root, count=n)
    return root


@external
@view
def isSettled(root: bytes32, applicationId: bytes32, statementHash: bytes32, leafIndex: uint256, siblings: DynArray[bytes32, 8]) -> bool:
    """
    @notice Whether (applicationId, statementHash) is leaf leafIndex under a
            recorded root. siblings lists the path's siblings bottom up, only at
            the levels where one exists (a promoted node has none). Never reverts.
    """
    w: uint256 = self.leafCount[root]
    if leafIndex >= w:
        return False
    h: bytes32 = keccak256(concat(b"\x00", applicationId, statementHash))
    idx: uint256 = leafIndex
    used: uint256 = 0
    for lvl: uint256 in range(8):
        if w == 1:
            break
        if idx % 2 == 1:
            if used == len(siblings):
                return False
            h = keccak256(concat(b"\x01", siblings[used], h))
            used += 1
        elif idx + 1 < w:
            if used == len(siblings):
                return False
            h = keccak256(concat(b"\x01", h, siblings[used]))
            used += 1
        idx = idx // 2
        w = (w + 1) // 2
    return used == len(siblings) and h == root
