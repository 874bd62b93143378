using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>Query expressions: WITH, SELECT, set operations, ORDER BY, LIMIT, locking.</summary>
internal sealed partial class Parser
{
    /// <summary>A SELECT statement: a query whose outermost block may carry an INTO.</summary>
    private Statement ParseSelectStatement()
    {
        intoAllowed = true;
        pendingInto = null;
        Query query;
        try
        {
            query = ParseQuery();
        }
        finally
        {
            intoAllowed = false;
        }
        var into = pendingInto;
        pendingInto = null;
        if (AtWord("INTO"))
        {
            if (into is not null) throw Error();
            into = ParseSelectInto();
            // INTO may also come before the locking clause.
            if (query.Locking.IsEmpty) query = query with { Locking = ParseLockingClauses() };
        }
        return new SelectStatement(query, into);
    }

    /// <summary>An INTO met inside the outermost query block (before FROM), waiting for its statement.</summary>
    private SelectInto? pendingInto;

    /// <summary>Whether the query being parsed is a SELECT statement's (not INSERT ... SELECT, a view, ...).</summary>
    private bool intoAllowed;

    private Query ParseQuery()
    {
        using var scope = Nest();
        WithClause? with = AtWord("WITH") ? ParseWith() : null;
        var body = ParseUnionLevel();
        var orderBy = AtWords("ORDER", "BY") ? ParseOrderBy() : default;
        var limit = AtWord("LIMIT") ? ParseLimit() : null;
        var locking = ParseLockingClauses();
        if (with is null && orderBy.IsEmpty && limit is null && locking.IsEmpty && body is NestedQuery nested)
        {
            // ((SELECT ...)) is the same query as (SELECT ...): keep one level of nesting.
            return nested.Query;
        }
        return new Query(with, body, orderBy, limit, locking);
    }

    private WithClause ParseWith()
    {
        ExpectWord("WITH");
        var recursive = AcceptWord("RECURSIVE");
        var tables = new List<CommonTableExpression>();
        do
        {
            var name = ParseIdentifier();
            ValueList<string> columns = Current.Kind == TokenKind.LeftParen ? ParseParenthesizedIdentifiers().ToValueList() : default;
            ExpectWord("AS");
            tables.Add(new CommonTableExpression(name, columns, ParseParenthesizedQuery()));
        }
        while (Accept(TokenKind.Comma));
        return new WithClause(recursive, tables.ToValueList());
    }

    /// <summary>UNION and EXCEPT, left-associative, over INTERSECT (which binds tighter, as in MySQL 8.0.31+).</summary>
    private QueryBody ParseUnionLevel()
    {
        var left = ParseIntersectLevel();
        while (AtWord("UNION") || AtWord("EXCEPT"))
        {
            var op = AtWord("UNION") ? SetOperator.Union : SetOperator.Except;
            Advance();
            var all = ParseSetQuantifier();
            left = new SetOperation(left, op, all, ParseIntersectLevel());
        }
        return left;
    }

    private QueryBody ParseIntersectLevel()
    {
        var left = ParseQueryPrimary();
        while (AcceptWord("INTERSECT"))
        {
            var all = ParseSetQuantifier();
            left = new SetOperation(left, SetOperator.Intersect, all, ParseQueryPrimary());
        }
        return left;
    }

    private bool ParseSetQuantifier()
    {
        if (AcceptWord("ALL")) return true;
        AcceptWord("DISTINCT");
        return false;
    }

    private QueryBody ParseQueryPrimary()
    {
        if (Current.Kind == TokenKind.LeftParen) return new NestedQuery(ParseParenthesizedQuery());
        if (AtWord("SELECT")) return ParseSelectSpecification();
        throw Error();
    }

    /// <summary>Query blocks open around the cursor (a subquery inside a subquery is two).</summary>
    private int queryBlockNesting;

    /// <summary>MySQL numbers nesting levels in a 64-bit map: levels 0 to 63.</summary>
    private const int MaxQueryBlockNesting = 64;

    private SelectSpecification ParseSelectSpecification()
    {
        if (queryBlockNesting >= MaxQueryBlockNesting) throw SqlSyntaxException.SelectNestedTooDeeply();
        queryBlockNesting++;
        try
        {
            return ParseSelectSpecificationBody();
        }
        finally
        {
            queryBlockNesting--;
        }
    }

    private SelectSpecification ParseSelectSpecificationBody()
    {
        ExpectWord("SELECT");
        var options = ParseSelectOptions();
        var items = new List<SelectItem>();
        // A bare * may only come first: SELECT *, a is valid, SELECT a, * is not.
        if (Accept(TokenKind.Star)) items.Add(new AllColumnsSelectItem(null, null));
        else items.Add(ParseSelectItem());
        while (Accept(TokenKind.Comma)) items.Add(ParseSelectItem());
        if (AtWord("INTO"))
        {
            // Only the outermost query block of a SELECT statement may have INTO.
            if (!intoAllowed || queryBlockNesting != 1 || pendingInto is not null) throw Error();
            pendingInto = ParseSelectInto();
        }
        ValueList<TableReference> from = default;
        if (AcceptWord("FROM"))
        {
            if (!AcceptWord("DUAL")) from = ParseTableReferenceList();
        }
        var where = AcceptWord("WHERE") ? ParseExpression() : null;
        ValueList<Expression> groupBy = default;
        var withRollup = false;
        if (AcceptWords("GROUP", "BY"))
        {
            groupBy = ParseExpressionList();
            withRollup = AcceptWords("WITH", "ROLLUP");
        }
        var having = AcceptWord("HAVING") ? ParseExpression() : null;
        ValueList<NamedWindow> windows = default;
        if (AcceptWord("WINDOW"))
        {
            var list = new List<NamedWindow>();
            do
            {
                var name = ParseIdentifier();
                ExpectWord("AS");
                list.Add(new NamedWindow(name, ParseWindowSpecification()));
            }
            while (Accept(TokenKind.Comma));
            windows = list.ToValueList();
        }
        return new SelectSpecification(options, items.ToValueList(), from, where, groupBy, withRollup, having, windows);
    }

    private SelectOptions ParseSelectOptions()
    {
        var options = SelectOptions.None;
        while (true)
        {
            var option = CurrentWordUpper switch
            {
                "ALL" => SelectOptions.None,
                "DISTINCT" or "DISTINCTROW" => SelectOptions.Distinct,
                "HIGH_PRIORITY" => SelectOptions.HighPriority,
                "STRAIGHT_JOIN" => SelectOptions.StraightJoin,
                "SQL_SMALL_RESULT" => SelectOptions.SqlSmallResult,
                "SQL_BIG_RESULT" => SelectOptions.SqlBigResult,
                "SQL_BUFFER_RESULT" => SelectOptions.SqlBufferResult,
                "SQL_NO_CACHE" => SelectOptions.SqlNoCache,
                "SQL_CACHE" => SelectOptions.SqlCache,
                "SQL_CALC_FOUND_ROWS" => SelectOptions.SqlCalcFoundRows,
                _ => (SelectOptions?)null,
            };
            if (option is not { } value) return options;
            Advance();
            options |= value;
        }
    }

    private SelectItem ParseSelectItem()
    {
        // t.* and db.t.*
        if ((Current.Kind == TokenKind.QuotedIdentifier || Current.Kind == TokenKind.Word) && Peek(1).Kind == TokenKind.Dot)
        {
            if (Peek(2).Kind == TokenKind.Star)
            {
                var table = ParseIdentifier();
                Advance();
                Advance();
                return new AllColumnsSelectItem(null, table);
            }
            if (Peek(3).Kind == TokenKind.Dot && Peek(4).Kind == TokenKind.Star)
            {
                var schema = ParseIdentifier();
                Advance();
                var table = ParseIdentifierAfterDot();
                Advance();
                Advance();
                return new AllColumnsSelectItem(schema, table);
            }
        }
        var expression = ParseExpression();
        return new ExpressionSelectItem(expression, ParseOptionalAlias());
    }

    /// <summary>[AS] alias, where the alias may be a string; an implicit alias must not be a reserved word.</summary>
    private string? ParseOptionalAlias()
    {
        if (AcceptWord("AS")) return ParseIdentifierOrString();
        if (AtIdentifier || Current.Kind == TokenKind.String) return ParseIdentifierOrString();
        return null;
    }

    private ValueList<OrderItem> ParseOrderBy()
    {
        ExpectWords("ORDER", "BY");
        var items = new List<OrderItem>();
        do
        {
            var expression = ParseExpression();
            var descending = AcceptWord("DESC");
            if (!descending) AcceptWord("ASC");
            items.Add(new OrderItem(expression, descending));
        }
        while (Accept(TokenKind.Comma));
        return items.ToValueList();
    }

    /// <summary>LIMIT n | LIMIT offset, n | LIMIT n OFFSET offset.</summary>
    private LimitClause ParseLimit()
    {
        ExpectWord("LIMIT");
        var first = ParseLimitValue();
        if (Accept(TokenKind.Comma)) return new LimitClause(ParseLimitValue(), first);
        if (AcceptWord("OFFSET")) return new LimitClause(first, ParseLimitValue());
        return new LimitClause(first, null);
    }

    /// <summary>LIMIT takes integers, placeholders and (in routines) variables only.</summary>
    private Expression ParseLimitValue() => Current.Kind switch
    {
        TokenKind.Integer or TokenKind.Placeholder or TokenKind.UserVariable => ParsePrimary(),
        TokenKind.Word when !IsReserved(Current) => new ColumnReference(ParseIdentifier()),
        _ => Fail<Expression>(),
    };

    private ValueList<LockingClause> ParseLockingClauses()
    {
        List<LockingClause>? clauses = null;
        while (true)
        {
            LockingClause clause;
            if (AtWords("FOR", "UPDATE") || AtWords("FOR", "SHARE"))
            {
                Advance();
                var strength = AcceptWord("UPDATE") ? LockStrength.Update : LockStrength.Share;
                if (strength == LockStrength.Share) Advance();
                ValueList<TableName> of = AcceptWord("OF") ? ParseTableNameList() : default;
                var wait = LockWait.Wait;
                if (AcceptWord("NOWAIT")) wait = LockWait.NoWait;
                else if (AcceptWords("SKIP", "LOCKED")) wait = LockWait.SkipLocked;
                clause = new LockingClause(strength, of, wait);
            }
            else if (AtWords("LOCK", "IN"))
            {
                ExpectWords("LOCK", "IN", "SHARE", "MODE");
                clause = new LockingClause(LockStrength.ShareMode, default, LockWait.Wait);
            }
            else
            {
                return clauses?.ToValueList() ?? default;
            }
            (clauses ??= []).Add(clause);
        }
    }

    /// <summary>INTO @v, ... | INTO OUTFILE 'f' [options] | INTO DUMPFILE 'f'.</summary>
    private SelectInto ParseSelectInto()
    {
        ExpectWord("INTO");
        if (AcceptWord("DUMPFILE")) return new SelectIntoDumpfile(ParseStringValue());
        if (AcceptWord("OUTFILE"))
        {
            var outfile = new SelectIntoOutfile(ParseStringValue());
            if (AtWords("CHARACTER", "SET") || AtWord("CHARSET"))
            {
                if (!AcceptWord("CHARSET")) ExpectWords("CHARACTER", "SET");
                outfile = outfile with { CharacterSet = ParseCharsetOrCollationName() };
            }
            if (AcceptWord("FIELDS") || AcceptWord("COLUMNS"))
            {
                var any = false;
                while (true)
                {
                    if (AcceptWords("TERMINATED", "BY")) outfile = outfile with { FieldsTerminatedBy = ParseStringValue() };
                    else if (AcceptWord("OPTIONALLY"))
                    {
                        ExpectWords("ENCLOSED", "BY");
                        outfile = outfile with { FieldsEnclosedBy = ParseStringValue(), FieldsOptionallyEnclosed = true };
                    }
                    else if (AcceptWords("ENCLOSED", "BY")) outfile = outfile with { FieldsEnclosedBy = ParseStringValue(), FieldsOptionallyEnclosed = false };
                    else if (AcceptWords("ESCAPED", "BY")) outfile = outfile with { FieldsEscapedBy = ParseStringValue() };
                    else break;
                    any = true;
                }
                if (!any) throw Error();
            }
            if (AcceptWord("LINES"))
            {
                var any = false;
                while (true)
                {
                    if (AcceptWords("STARTING", "BY")) outfile = outfile with { LinesStartingBy = ParseStringValue() };
                    else if (AcceptWords("TERMINATED", "BY")) outfile = outfile with { LinesTerminatedBy = ParseStringValue() };
                    else break;
                    any = true;
                }
                if (!any) throw Error();
            }
            return outfile;
        }
        var variables = new List<Expression>();
        do
        {
            if (Current.Kind == TokenKind.UserVariable) variables.Add(new UserVariable(UserVariableName(Advance())));
            else variables.Add(new ColumnReference(ParseIdentifier()));
        }
        while (Accept(TokenKind.Comma));
        return new SelectIntoVariables(variables.ToValueList());
    }
}
