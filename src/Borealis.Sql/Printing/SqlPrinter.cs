using System.Text;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Printing;

/// <summary>
/// Prints syntax trees as canonical SQL: upper-case keywords, every identifier back-quoted,
/// strings single-quoted with backslash escapes, and only the parentheses precedence needs.
/// Parsing the output gives back an equal tree, which the tests use as a round-trip check.
/// </summary>
public sealed partial class SqlPrinter
{
    private readonly StringBuilder output = new();
    private readonly bool fullyParenthesized;

    private SqlPrinter(bool fullyParenthesized) => this.fullyParenthesized = fullyParenthesized;

    /// <summary>The canonical SQL of a node.</summary>
    /// <param name="fullyParenthesized">Wrap every operator expression in parentheses, to show how it grouped.</param>
    public static string Print(SyntaxNode node, bool fullyParenthesized = false)
    {
        ArgumentNullException.ThrowIfNull(node);
        var printer = new SqlPrinter(fullyParenthesized);
        // The outermost expression needs no parentheses, even when every inner one gets them.
        if (node is Expression expression) printer.ExprBody(expression);
        else printer.Node(node);
        return printer.output.ToString();
    }

    private void Node(SyntaxNode node)
    {
        switch (node)
        {
            case Expression expression: Expr(expression); break;
            case Statement statement: Statement(statement); break;
            case Query query: Query(query); break;
            case QueryBody body: QueryBody(body); break;
            case SelectItem item: SelectItem(item); break;
            case TableReference reference: TableReference(reference); break;
            case TableName name: Name(name); break;
            case DataType type: DataType(type); break;
            case ColumnDefinition column: ColumnDefinition(column); break;
            case TableElement element: TableElement(element); break;
            case OrderItem item: OrderItem(item); break;
            case UserName user: User(user); break;
            case AlterTableAction action: AlterAction(action); break;
            case SetItem item: SetItem(item); break;
            case ColumnPosition position: Position(position); break;
            default: Write(node.GetType().Name); break;
        }
    }

    private SqlPrinter Write(string text)
    {
        output.Append(text);
        return this;
    }

    private SqlPrinter Write(char c)
    {
        output.Append(c);
        return this;
    }

    /// <summary>A back-quoted identifier.</summary>
    private SqlPrinter Identifier(string name)
    {
        output.Append('`').Append(name.Replace("`", "``", StringComparison.Ordinal)).Append('`');
        return this;
    }

    /// <summary>
    /// A charset, collation or other name the grammar takes as identifier or string: bare when
    /// it reads back as one unreserved word (utf8mb4, InnoDB), back-quoted otherwise.
    /// </summary>
    private SqlPrinter BareName(string name) => IsPlainWord(name) && (!Lexing.ReservedWords.Contains(name) || name.Equals("binary", StringComparison.OrdinalIgnoreCase))
        ? Write(name)
        : Identifier(name);

    /// <summary>An option value: bare when it reads back as one word or an unsigned number, back-quoted otherwise.</summary>
    private SqlPrinter OptionValue(string value) =>
        IsPlainWord(value) || (value.Length > 0 && value.All(char.IsAsciiDigit)) ? Write(value) : Identifier(value);

    /// <summary>Whether the text lexes back as one word (a leading digit or underscore could make it a number or an introducer).</summary>
    private static bool IsPlainWord(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(Lexing.Lexer.IsIdentifierChar);

    private SqlPrinter Name(TableName name)
    {
        if (name.Schema is not null) Identifier(name.Schema).Write('.');
        return Identifier(name.Name);
    }

    /// <summary>A single-quoted string literal with MySQL backslash escapes.</summary>
    private SqlPrinter StringValue(string value)
    {
        output.Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': output.Append(@"\\"); break;
                case '\'': output.Append(@"\'"); break;
                case '\0': output.Append(@"\0"); break;
                case '\n': output.Append(@"\n"); break;
                case '\r': output.Append(@"\r"); break;
                case '\u001A': output.Append(@"\Z"); break;
                default: output.Append(c); break;
            }
        }
        output.Append('\'');
        return this;
    }

    private SqlPrinter List<T>(ValueList<T> items, Action<T> print, string separator = ", ")
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) output.Append(separator);
            print(items[i]);
        }
        return this;
    }

    private SqlPrinter IdentifierList(ValueList<string> names) => List(names, name => Identifier(name));

    private void User(UserName user)
    {
        if (user.IsCurrentUser)
        {
            Write("CURRENT_USER");
            return;
        }
        StringValue(user.User).Write('@').StringValue(user.Host);
    }
}
