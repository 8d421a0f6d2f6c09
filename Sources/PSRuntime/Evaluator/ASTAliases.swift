import PSLanguage

/// The front end's expression node (Foundation also has a type named `Expression`).
typealias PSExpr = PSLanguage.Expression
