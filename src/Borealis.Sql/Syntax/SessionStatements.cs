namespace Borealis.Sql.Syntax;

/// <summary>SET a = 1, @b = 2, NAMES x, ...</summary>
public sealed record SetStatement(ValueList<SetItem> Items) : Statement;

/// <summary>One comma-separated part of SET.</summary>
public abstract record SetItem : SyntaxNode;

/// <summary>
/// variable = value. A bare word value (SET sql_mode = TRADITIONAL, SET x = ON) is a
/// <see cref="ColumnReference"/> naming it: MySQL reads it as a string for system variables.
/// </summary>
public sealed record VariableAssignment(Expression Variable, Expression Value) : SetItem;

/// <summary>NAMES charset [COLLATE collation], or NAMES DEFAULT (null charset).</summary>
public sealed record SetNames(string? CharacterSet, string? Collation) : SetItem;

/// <summary>CHARACTER SET charset | CHARSET charset | CHARACTER SET DEFAULT (null).</summary>
public sealed record SetCharacterSet(string? CharacterSet) : SetItem;

/// <summary>SET PASSWORD [FOR user] = 'text'.</summary>
public sealed record SetPasswordStatement(UserName? For, string Password) : Statement;

/// <summary>USE db.</summary>
public sealed record UseStatement(string Database) : Statement;
