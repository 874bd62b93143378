namespace Borealis.Sql.Syntax;

/// <summary>Any node of the syntax tree. Nodes are immutable records that compare by value,
/// so two parses of equivalent text compare equal.</summary>
public abstract record SyntaxNode
{
    /// <summary>The canonical SQL for this node.</summary>
    public sealed override string ToString() => Printing.SqlPrinter.Print(this);
}

/// <summary>A complete statement.</summary>
public abstract record Statement : SyntaxNode;

/// <summary>A possibly qualified table name: <c>db.tbl</c> or <c>tbl</c>.</summary>
public sealed record TableName(string? Schema, string Name) : SyntaxNode;

/// <summary>An account name <c>'user'@'host'</c>; the host is '%' when omitted.</summary>
public sealed record UserName(string User, string Host) : SyntaxNode
{
    /// <summary>CURRENT_USER used where an account is named.</summary>
    public static UserName CurrentUser { get; } = new("CURRENT_USER", "");

    public bool IsCurrentUser => Host.Length == 0 && User == "CURRENT_USER";
}

/// <summary>Text that was only blanks and comments. MySQL answers an all-comment text with OK
/// and an empty one with ER_EMPTY_QUERY (1065).</summary>
public sealed record EmptyStatement(bool HadComment) : Statement;
