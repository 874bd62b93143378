namespace Borealis.Sql.Syntax;

/// <summary>PREPARE name FROM 'text' | @variable (SQL-level prepared statements).</summary>
public sealed record PrepareStatement(string Name, Expression Source) : Statement;

/// <summary>EXECUTE name [USING @a, @b].</summary>
public sealed record ExecuteStatement(string Name, ValueList<UserVariable> Using) : Statement;

/// <summary>DEALLOCATE PREPARE name, or DROP PREPARE name.</summary>
public sealed record DeallocatePrepareStatement(string Name) : Statement;
