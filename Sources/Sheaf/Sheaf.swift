// The umbrella module: `import Sheaf` brings in every public Sheaf module.
@_exported import SheafField
@_exported import SheafCurve
@_exported import SheafHash
@_exported import SheafGroth16
@_exported import SheafRecursion
@_exported import SheafAggregation
@_exported import SheafGas
@_exported import SheafFinality
@_exported import SheafEthereum
@_exported import SheafCircom
