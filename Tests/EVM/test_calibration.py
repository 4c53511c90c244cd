"""The committed gas table still matches the contracts (no drift), and every
prediction it makes is within 0.5% of the measurement."""
import calibrate


def test_calibration_has_not_drifted(capsys):
    status = calibrate.main(["calibrate.py", "--check"])
    out = capsys.readouterr().out
    assert status == 0, out
