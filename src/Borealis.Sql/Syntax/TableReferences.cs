namespace Borealis.Sql.Syntax;

/// <summary>Something in a FROM list.</summary>
public abstract record TableReference : SyntaxNode;

public enum IndexHintKind { Use, Ignore, Force }

public enum IndexHintScope { All, Join, OrderBy, GroupBy }

/// <summary>USE|IGNORE|FORCE {INDEX|KEY} [FOR JOIN|ORDER BY|GROUP BY] (names). PRIMARY is named "PRIMARY".</summary>
public sealed record IndexHint(IndexHintKind Kind, IndexHintScope Scope, ValueList<string> Indexes) : SyntaxNode;

/// <summary>A base table or view: name [[AS] alias] [index hints].</summary>
public sealed record TableSource(TableName Name, string? Alias = null, ValueList<IndexHint> IndexHints = default) : TableReference;

/// <summary>[LATERAL] (query) [AS] alias [(columns)].</summary>
public sealed record DerivedTable(Query Query, string Alias, ValueList<string> Columns = default, bool Lateral = false) : TableReference;

public enum JoinKind
{
    /// <summary>[INNER] JOIN, or CROSS JOIN with an ON or USING.</summary>
    Inner,
    /// <summary>CROSS JOIN or JOIN with neither ON nor USING.</summary>
    Cross,
    Left,
    Right,
    /// <summary>STRAIGHT_JOIN: inner join with the left table read first.</summary>
    Straight,
}

/// <summary>left [NATURAL] kind JOIN right [ON cond | USING (cols)].</summary>
public sealed record JoinedTable(TableReference Left, JoinKind Kind, bool Natural, TableReference Right, Expression? On, ValueList<string> Using) : TableReference;

/// <summary>( refs ) — a parenthesised list of table references, comma-separated (a cross join).</summary>
public sealed record NestedTableReferences(ValueList<TableReference> References) : TableReference;
