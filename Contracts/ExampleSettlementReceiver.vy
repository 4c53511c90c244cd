# pragma version 0.4.3
# pragma optimize gas
# pragma evm-version cancun
# pragma experimental-codegen
"""
@title An application's receiver of settlement notifications (example)
@notice A SheafOuterNotifier calls onSettled(root, applicationId, statementHash)
        on each statement's receiver once the statements' root is settled.  An
        application's contract that trusts one notifier (and so its outer key,
        through the settlement contract it was deployed with) accepts calls from
        that notifier only, and only for its own application id; the statement
        hash it receives is then settled, as isSettled would have confirmed with
        a Merkle path.  Here the statement is only logged: an application would
        act on it (record it, release funds, advance its state).
@dev    Compile with vyper 0.4.3, --evm-version cancun, -O gas,
        --experimental-codegen.  Constructor: the notifier's address and the
        application id (the bytes32 of statements.json's "applicationId").
"""

NOTIFIER: immutable(address)
APPLICATION: immutable(bytes32)

event StatementSettled:
    statementHash: indexed(bytes32)
    root: bytes32


@deploy
def __init__(notifier: address, applicationId: bytes32):
    NOTIFIER = notifier
    APPLICATION = applicationId


@external
def onSettled(root: bytes32, applicationId: bytes32, statementHash: bytes32):
    assert msg.sender == NOTIFIER
    assert applicationId == APPLICATION
    log StatementSettled(statementHash=statementHash, root=root)
