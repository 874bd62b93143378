using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>
/// Expressions, one method per precedence level of MySQL's grammar
/// (https://dev.mysql.com/doc/refman/8.0/en/operator-precedence.html), lowest first:
/// OR/|| ; XOR ; AND/&amp;&amp; ; NOT ; comparisons and IS ; predicates (IN, BETWEEN, LIKE, REGEXP) ;
/// | ; &amp; ; &lt;&lt; &gt;&gt; ; + - ; * / DIV % MOD ; ^ ; unary - ~ ! BINARY ; COLLATE ; primaries.
/// </summary>
internal sealed partial class Parser
{
    private bool PipesAreConcat => (options.Modes & SqlLexicalModes.PipesAsConcat) != 0;

    private Expression ParseExpression()
    {
        using var scope = Nest();
        return ParseOr();
    }

    private Expression ParseOr()
    {
        var left = ParseXor();
        while (AcceptWord("OR") || (!PipesAreConcat && Accept(TokenKind.DoublePipe)))
        {
            left = new BinaryExpression(BinaryOperator.Or, left, ParseXor());
        }
        return left;
    }

    private Expression ParseXor()
    {
        var left = ParseAnd();
        while (AcceptWord("XOR")) left = new BinaryExpression(BinaryOperator.Xor, left, ParseAnd());
        return left;
    }

    private Expression ParseAnd()
    {
        var left = ParseNot();
        while (AcceptWord("AND") || Accept(TokenKind.DoubleAmpersand))
        {
            left = new BinaryExpression(BinaryOperator.And, left, ParseNot());
        }
        return left;
    }

    private Expression ParseNot()
    {
        if (!AtWord("NOT")) return ParseComparison();
        using var scope = Nest();
        Advance();
        return new UnaryExpression(UnaryOperator.Not, ParseNot());
    }

    private BinaryOperator? CurrentComparisonOperator => Current.Kind switch
    {
        TokenKind.Equal => BinaryOperator.Equal,
        TokenKind.NullSafeEqual => BinaryOperator.NullSafeEqual,
        TokenKind.NotEqual => BinaryOperator.NotEqual,
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
        TokenKind.Greater => BinaryOperator.Greater,
        TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
        _ => null,
    };

    private Expression ParseComparison()
    {
        var left = ParsePredicate();
        while (true)
        {
            if (CurrentComparisonOperator is { } comparison)
            {
                Advance();
                var quantifier = AtWord("ANY") || AtWord("SOME") ? SubqueryQuantifier.Any : AtWord("ALL") ? SubqueryQuantifier.All : (SubqueryQuantifier?)null;
                if (quantifier is { } q && Peek(1).Kind == TokenKind.LeftParen)
                {
                    Advance();
                    left = new QuantifiedComparison(comparison, left, q, ParseParenthesizedQuery());
                }
                else
                {
                    left = new BinaryExpression(comparison, left, ParsePredicate());
                }
            }
            else if (AtWord("IS"))
            {
                Advance();
                var negated = AcceptWord("NOT");
                var test = CurrentWordUpper switch
                {
                    "NULL" => IsTest.Null,
                    "TRUE" => IsTest.True,
                    "FALSE" => IsTest.False,
                    "UNKNOWN" => IsTest.Unknown,
                    _ => Fail<IsTest>(),
                };
                Advance();
                left = new IsExpression(left, test, negated);
            }
            else
            {
                return left;
            }
        }
    }

    private Expression ParsePredicate()
    {
        var operand = ParseBitOr();
        var negated = false;
        if (AtWord("NOT") && (AtWord("IN", 1) || AtWord("BETWEEN", 1) || AtWord("LIKE", 1) || AtWord("REGEXP", 1) || AtWord("RLIKE", 1)))
        {
            Advance();
            negated = true;
        }
        switch (CurrentWordUpper)
        {
            case "IN":
                Advance();
                if (AtWord("SELECT", 1) || AtWord("WITH", 1)) return new InSubqueryExpression(operand, ParseParenthesizedQuery(), negated);
                if (StartsQuery(1))
                {
                    // IN ((SELECT ...) UNION ...) is a subquery; IN ((SELECT ...), 2) a list.
                    var resume = SaveCursor();
                    try
                    {
                        return new InSubqueryExpression(operand, ParseParenthesizedQuery(), negated);
                    }
                    catch (SqlSyntaxException)
                    {
                        RestoreCursor(resume);
                    }
                }
                Expect(TokenKind.LeftParen);
                var values = ParseExpressionList();
                Expect(TokenKind.RightParen);
                return new InListExpression(operand, values, negated);
            case "BETWEEN":
                Advance();
                var low = ParseBitOr();
                ExpectWord("AND");
                return new BetweenExpression(operand, low, ParsePredicate(), negated);
            case "LIKE":
                Advance();
                var pattern = ParseBitOr();
                var escape = AcceptWord("ESCAPE") ? ParseUnary() : null;
                return new LikeExpression(operand, pattern, escape, negated);
            case "REGEXP" or "RLIKE":
                Advance();
                return new RegexpExpression(operand, ParseBitOr(), negated);
            case "SOUNDS" when !negated:
                Advance();
                ExpectWord("LIKE");
                return new FunctionCall("SOUNDS_LIKE", ValueList.Of(operand, ParseBitOr()));
            default:
                return operand;
        }
    }

    private Expression ParseBitOr()
    {
        var left = ParseBitAnd();
        while (Accept(TokenKind.Pipe)) left = new BinaryExpression(BinaryOperator.BitOr, left, ParseBitAnd());
        return left;
    }

    private Expression ParseBitAnd()
    {
        var left = ParseShift();
        while (Accept(TokenKind.Ampersand)) left = new BinaryExpression(BinaryOperator.BitAnd, left, ParseShift());
        return left;
    }

    private Expression ParseShift()
    {
        var left = ParseAdditive();
        while (true)
        {
            if (Accept(TokenKind.ShiftLeft)) left = new BinaryExpression(BinaryOperator.ShiftLeft, left, ParseAdditive());
            else if (Accept(TokenKind.ShiftRight)) left = new BinaryExpression(BinaryOperator.ShiftRight, left, ParseAdditive());
            else return left;
        }
    }

    private Expression ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            if (Accept(TokenKind.Plus)) left = new BinaryExpression(BinaryOperator.Add, left, ParseMultiplicative());
            else if (Accept(TokenKind.Minus)) left = new BinaryExpression(BinaryOperator.Subtract, left, ParseMultiplicative());
            else return left;
        }
    }

    private Expression ParseMultiplicative()
    {
        var left = ParseBitXor();
        while (true)
        {
            BinaryOperator op;
            if (Current.Kind == TokenKind.Star) op = BinaryOperator.Multiply;
            else if (Current.Kind == TokenKind.Slash) op = BinaryOperator.Divide;
            else if (Current.Kind == TokenKind.Percent || AtWord("MOD")) op = BinaryOperator.Modulo;
            else if (AtWord("DIV")) op = BinaryOperator.IntegerDivide;
            else return left;
            Advance();
            left = new BinaryExpression(op, left, ParseBitXor());
        }
    }

    private Expression ParseBitXor()
    {
        var left = ParseUnary();
        while (Accept(TokenKind.Caret)) left = new BinaryExpression(BinaryOperator.BitXor, left, ParseUnary());
        return left;
    }

    private Expression ParseUnary()
    {
        if (Current.Kind is TokenKind.Minus or TokenKind.Plus or TokenKind.Tilde or TokenKind.Bang || AtWord("BINARY"))
        {
            using var scope = Nest();
            return ParseUnaryOperator();
        }
        return ParseCollate();
    }

    private Expression ParseUnaryOperator()
    {
        switch (Current.Kind)
        {
            case TokenKind.Minus:
                Advance();
                return new UnaryExpression(UnaryOperator.Negate, ParseUnary());
            case TokenKind.Plus:
                Advance();
                return new UnaryExpression(UnaryOperator.Plus, ParseUnary());
            case TokenKind.Tilde:
                Advance();
                return new UnaryExpression(UnaryOperator.BitNot, ParseUnary());
            case TokenKind.Bang:
                Advance();
                return new UnaryExpression(UnaryOperator.Not, ParseUnary());
        }
        if (AtWord("BINARY"))
        {
            Advance();
            return new UnaryExpression(UnaryOperator.Binary, ParseUnary());
        }
        return ParseCollate();
    }

    private Expression ParseCollate()
    {
        var operand = ParsePostfix(ParsePrimary());
        while (AcceptWord("COLLATE")) operand = new CollateExpression(operand, ParseCharsetOrCollationName());
        if (PipesAreConcat && Current.Kind == TokenKind.DoublePipe)
        {
            // Under PIPES_AS_CONCAT, || binds as tightly as MySQL's simple_expr concatenation.
            while (Accept(TokenKind.DoublePipe)) operand = new BinaryExpression(BinaryOperator.Concat, operand, ParseUnary());
        }
        return operand;
    }

    /// <summary>JSON column paths: col->'$.a', col->>'$.a'.</summary>
    private Expression ParsePostfix(Expression operand)
    {
        while (true)
        {
            if (Accept(TokenKind.Arrow)) operand = new BinaryExpression(BinaryOperator.JsonExtract, operand, ParseStringLiteral());
            else if (Accept(TokenKind.DoubleArrow)) operand = new BinaryExpression(BinaryOperator.JsonUnquoteExtract, operand, ParseStringLiteral());
            else return operand;
        }
    }

    private ValueList<Expression> ParseExpressionList()
    {
        var list = new List<Expression>();
        do list.Add(ParseExpression());
        while (Accept(TokenKind.Comma));
        return list.ToValueList();
    }

    private StringLiteral ParseStringLiteral()
    {
        if (Current.Kind != TokenKind.String) throw Error();
        return new StringLiteral(ParseStringValue());
    }

    private Expression ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                Advance();
                return new NumberLiteral(TextOf(token).ToString(), NumberKind.Integer);
            case TokenKind.Decimal:
                Advance();
                return new NumberLiteral(TextOf(token).ToString(), NumberKind.Decimal);
            case TokenKind.Float:
                Advance();
                return new NumberLiteral(TextOf(token).ToString(), NumberKind.Float);
            case TokenKind.String:
                return new StringLiteral(ParseStringValue());
            case TokenKind.NationalString:
                Advance();
                var national = DecodeString(token);
                if (Current.Kind == TokenKind.String) national += ParseStringValue();
                return new StringLiteral(national, National: true);
            case TokenKind.HexString or TokenKind.HexNumber or TokenKind.BitString or TokenKind.BitNumber:
                Advance();
                return BinaryDigitsLiteral(token, introducer: null);
            case TokenKind.Introducer:
                return ParseIntroducedLiteral();
            case TokenKind.Placeholder:
                Advance();
                return new Placeholder(placeholderCount++);
            case TokenKind.UserVariable:
                Advance();
                var variable = new UserVariable(UserVariableName(token));
                if (Accept(TokenKind.Assign)) return new AssignmentExpression(variable, ParseExpression());
                return variable;
            case TokenKind.DoubleAt:
                Advance();
                return ParseSystemVariableName();
            case TokenKind.LeftParen:
                return ParseParenthesizedExpression();
            case TokenKind.QuotedIdentifier:
                return ParseColumnReference();
            case TokenKind.Word:
                return ParseWordPrimary();
            default:
                throw Error();
        }
    }

    private Expression BinaryDigitsLiteral(Token token, string? introducer)
    {
        var raw = TextOf(token);
        var digits = token.Kind is TokenKind.HexString or TokenKind.BitString ? raw[2..^1] : raw[2..];
        switch (token.Kind)
        {
            // X'..' must hold whole bytes; MySQL rejects X'4' and X'4G' as syntax errors.
            case TokenKind.HexString when digits.Length % 2 != 0 || digits.ContainsAnyExcept(HexDigits):
            case TokenKind.BitString when digits.ContainsAnyExcept('0', '1'):
                throw ErrorAt(token);
            case TokenKind.HexString or TokenKind.HexNumber:
                return new HexLiteral(digits.ToString(), introducer);
            default:
                return new BitLiteral(digits.ToString(), introducer);
        }
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private Expression ParseIntroducedLiteral()
    {
        var introducer = TextOf(Advance())[1..].ToString();
        var token = Current;
        if (token.Kind == TokenKind.String) return new StringLiteral(ParseStringValue(), introducer);
        if (token.Kind is TokenKind.HexString or TokenKind.HexNumber or TokenKind.BitString or TokenKind.BitNumber)
        {
            Advance();
            return BinaryDigitsLiteral(token, introducer);
        }
        throw Error();
    }

    private string UserVariableName(Token token)
    {
        var raw = TextOf(token)[1..];
        if (raw.Length > 0 && raw[0] is '\'' or '"')
        {
            return LiteralText.DecodeString(raw[1..^1], raw[0], (options.Modes & SqlLexicalModes.NoBackslashEscapes) == 0);
        }
        return raw.Length > 0 && raw[0] == '`' ? LiteralText.DecodeQuotedIdentifier(raw) : raw.ToString();
    }

    /// <summary>After @@: [GLOBAL. | SESSION. | LOCAL. | PERSIST. ] name[.name].</summary>
    private SystemVariable ParseSystemVariableName()
    {
        var scope = VariableScope.Default;
        if (Peek(1).Kind == TokenKind.Dot && Current.Kind == TokenKind.Word)
        {
            var maybeScope = ScopeOf(CurrentWordUpper!);
            if (maybeScope is { } s)
            {
                scope = s;
                Advance();
                Advance();
            }
        }
        var name = ParseIdentifierAfterDot();
        while (Current.Kind == TokenKind.Dot && !Current.PrecededBySpace)
        {
            Advance();
            name += "." + ParseIdentifierAfterDot();
        }
        return new SystemVariable(name, scope);
    }

    private static VariableScope? ScopeOf(string word) => word switch
    {
        "GLOBAL" => VariableScope.Global,
        "SESSION" => VariableScope.Session,
        "LOCAL" => VariableScope.Local,
        "PERSIST" => VariableScope.Persist,
        "PERSIST_ONLY" => VariableScope.PersistOnly,
        _ => null,
    };

    /// <summary>( ... ): a subquery, a row constructor, or a parenthesised expression.</summary>
    private Expression ParseParenthesizedExpression()
    {
        if (IsWord(Peek(1), "SELECT") || IsWord(Peek(1), "WITH")) return new SubqueryExpression(ParseParenthesizedQuery());
        if (StartsQuery(1))
        {
            // "((SELECT ..." is a parenthesised query expression, ((SELECT 1) UNION (SELECT 2)),
            // or an expression that starts with a subquery, ((SELECT 1), 2) or ((SELECT 1) + 1).
            // MySQL's LALR grammar decides by what follows; here the query reading is tried first.
            var resume = SaveCursor();
            try
            {
                return new SubqueryExpression(ParseParenthesizedQuery());
            }
            catch (SqlSyntaxException)
            {
                RestoreCursor(resume);
            }
        }
        Expect(TokenKind.LeftParen);
        var first = ParseExpression();
        if (Accept(TokenKind.RightParen)) return first;
        var values = new List<Expression> { first };
        while (Accept(TokenKind.Comma)) values.Add(ParseExpression());
        Expect(TokenKind.RightParen);
        return new RowExpression(values.ToValueList());
    }

    /// <summary>Whether a query (SELECT/WITH, possibly after more parentheses) starts <paramref name="ahead"/> tokens on.</summary>
    private bool StartsQuery(int ahead)
    {
        while (Peek(ahead).Kind == TokenKind.LeftParen) ahead++;
        return IsWord(Peek(ahead), "SELECT") || IsWord(Peek(ahead), "WITH");
    }

    /// <summary>( query ), where the query may itself be parenthesised or a UNION.</summary>
    private Query ParseParenthesizedQuery()
    {
        Expect(TokenKind.LeftParen);
        var query = ParseQuery();
        Expect(TokenKind.RightParen);
        return query;
    }

    private Expression ParseColumnReference()
    {
        var first = ParseIdentifier();
        if (Current.Kind != TokenKind.Dot) return new ColumnReference(first);
        Advance();
        var second = ParseIdentifierAfterDot();
        if (Current.Kind != TokenKind.Dot) return new ColumnReference(null, first, second);
        Advance();
        return new ColumnReference(first, second, ParseIdentifierAfterDot());
    }

    private Expression ParseWordPrimary()
    {
        var word = CurrentWordUpper!;
        var next = Peek(1);
        switch (word)
        {
            case "NULL":
                Advance();
                return NullLiteral.Instance;
            case "TRUE":
                Advance();
                return new BooleanLiteral(true);
            case "FALSE":
                Advance();
                return new BooleanLiteral(false);
            case "DEFAULT":
                Advance();
                if (!Accept(TokenKind.LeftParen)) return new DefaultValue();
                var column = ParseIdentifier();
                Expect(TokenKind.RightParen);
                return new DefaultValue(column);
            case "DATE" or "TIME" or "TIMESTAMP" when next.Kind == TokenKind.String:
                Advance();
                var kind = word switch { "DATE" => TemporalKind.Date, "TIME" => TemporalKind.Time, _ => TemporalKind.Timestamp };
                return new TemporalLiteral(kind, ParseStringValue());
            case "CASE":
                return ParseCase();
            case "EXISTS" when next.Kind == TokenKind.LeftParen:
                Advance();
                return new ExistsExpression(ParseParenthesizedQuery());
            case "ROW" when next.Kind == TokenKind.LeftParen:
                Advance();
                Expect(TokenKind.LeftParen);
                var values = ParseExpressionList();
                Expect(TokenKind.RightParen);
                return new RowExpression(values);
            case "INTERVAL":
                return ParseInterval();
            case "CURRENT_DATE" or "CURRENT_TIME" or "CURRENT_TIMESTAMP" or "LOCALTIME" or "LOCALTIMESTAMP"
                or "UTC_DATE" or "UTC_TIME" or "UTC_TIMESTAMP" or "CURRENT_USER" when next.Kind != TokenKind.LeftParen:
                // These name functions even without parentheses.
                Advance();
                return new FunctionCall(word, default);
        }
        if (next.Kind == TokenKind.LeftParen) return ParseFunctionCall();
        return ParseColumnReference();
    }

    private Expression ParseCase()
    {
        ExpectWord("CASE");
        var operand = AtWord("WHEN") ? null : ParseExpression();
        var whens = new List<WhenClause>();
        while (AcceptWord("WHEN"))
        {
            var condition = ParseExpression();
            ExpectWord("THEN");
            whens.Add(new WhenClause(condition, ParseExpression()));
        }
        if (whens.Count == 0) throw Error();
        var otherwise = AcceptWord("ELSE") ? ParseExpression() : null;
        ExpectWord("END");
        return new CaseExpression(operand, whens.ToValueList(), otherwise);
    }

    /// <summary>
    /// INTERVAL expr unit, or the INTERVAL(n, n1, n2, ...) function. As in MySQL's grammar, a
    /// comma after the first parenthesised expression makes it the function; otherwise the
    /// parenthesis only starts the interval's value, as in INTERVAL (a + b) * 2 DAY.
    /// </summary>
    private Expression ParseInterval()
    {
        ExpectWord("INTERVAL");
        if (Current.Kind == TokenKind.LeftParen && !StartsQuery(1))
        {
            var resume = SaveCursor();
            Advance();
            var first = ParseExpression();
            if (Accept(TokenKind.Comma))
            {
                var arguments = new List<Expression> { first };
                do arguments.Add(ParseExpression());
                while (Accept(TokenKind.Comma));
                Expect(TokenKind.RightParen);
                return new FunctionCall("INTERVAL", arguments.ToValueList());
            }
            RestoreCursor(resume);
        }
        var value = ParseExpression();
        return new IntervalExpression(value, TryParseIntervalUnit() ?? Fail<IntervalUnit>());
    }

    private IntervalUnit? TryParseIntervalUnit()
    {
        IntervalUnit? unit = CurrentWordUpper switch
        {
            "MICROSECOND" => IntervalUnit.Microsecond,
            "SECOND" => IntervalUnit.Second,
            "MINUTE" => IntervalUnit.Minute,
            "HOUR" => IntervalUnit.Hour,
            "DAY" => IntervalUnit.Day,
            "WEEK" => IntervalUnit.Week,
            "MONTH" => IntervalUnit.Month,
            "QUARTER" => IntervalUnit.Quarter,
            "YEAR" => IntervalUnit.Year,
            "SECOND_MICROSECOND" => IntervalUnit.SecondMicrosecond,
            "MINUTE_MICROSECOND" => IntervalUnit.MinuteMicrosecond,
            "MINUTE_SECOND" => IntervalUnit.MinuteSecond,
            "HOUR_MICROSECOND" => IntervalUnit.HourMicrosecond,
            "HOUR_SECOND" => IntervalUnit.HourSecond,
            "HOUR_MINUTE" => IntervalUnit.HourMinute,
            "DAY_MICROSECOND" => IntervalUnit.DayMicrosecond,
            "DAY_SECOND" => IntervalUnit.DaySecond,
            "DAY_MINUTE" => IntervalUnit.DayMinute,
            "DAY_HOUR" => IntervalUnit.DayHour,
            "YEAR_MONTH" => IntervalUnit.YearMonth,
            _ => null,
        };
        if (unit is not null) Advance();
        return unit;
    }
}
