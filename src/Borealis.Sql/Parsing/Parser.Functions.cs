using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>Function calls, including the built-ins with their own argument syntax and window functions.</summary>
internal sealed partial class Parser
{
    private Expression ParseFunctionCall()
    {
        var nameToken = Advance();
        var name = KeywordSpelling.ToUpper(TextOf(nameToken));
        Expect(TokenKind.LeftParen);
        Expression call = name switch
        {
            "CAST" => ParseCastArguments(),
            "CONVERT" => ParseConvertArguments(),
            "TRIM" => ParseTrimArguments(),
            "SUBSTRING" or "SUBSTR" or "MID" => ParseSubstringArguments(),
            "EXTRACT" => ParseExtractArguments(),
            "POSITION" => ParsePositionArguments(),
            "CHAR" => ParseCharArguments(),
            "TIMESTAMPADD" or "TIMESTAMPDIFF" => ParseTimestampArithmeticArguments(name),
            "GROUP_CONCAT" => ParseGroupConcatArguments(),
            _ => ParseGeneralArguments(name),
        };
        if (call is FunctionCall function && AtWord("OVER")) call = function with { Over = ParseOver() };
        return call;
    }

    /// <summary>Arguments of an ordinary or aggregate function: [DISTINCT|ALL] args, or COUNT(*).</summary>
    private FunctionCall ParseGeneralArguments(string name)
    {
        if (Accept(TokenKind.RightParen)) return new FunctionCall(name, default);
        if (Current.Kind == TokenKind.Star && Peek(1).Kind == TokenKind.RightParen)
        {
            Advance();
            Advance();
            return new FunctionCall(name, default, StarArgument: true);
        }
        var distinct = AcceptWord("DISTINCT") || AcceptWord("DISTINCTROW");
        if (!distinct) AcceptWord("ALL");
        var arguments = ParseExpressionList();
        Expect(TokenKind.RightParen);
        return new FunctionCall(name, arguments, Distinct: distinct);
    }

    private Expression ParseCastArguments()
    {
        var operand = ParseExpression();
        ExpectWord("AS");
        var type = ParseCastType();
        Expect(TokenKind.RightParen);
        return new CastExpression(operand, type);
    }

    private Expression ParseConvertArguments()
    {
        var operand = ParseExpression();
        if (AcceptWord("USING"))
        {
            var charset = ParseIdentifierOrString();
            Expect(TokenKind.RightParen);
            return new ConvertUsingExpression(operand, charset);
        }
        Expect(TokenKind.Comma);
        var type = ParseCastType();
        Expect(TokenKind.RightParen);
        return new CastExpression(operand, type);
    }

    /// <summary>TRIM([[BOTH|LEADING|TRAILING] [remstr] FROM] str).</summary>
    private Expression ParseTrimArguments()
    {
        TrimSide? side = CurrentWordUpper switch
        {
            "BOTH" => TrimSide.Both,
            "LEADING" => TrimSide.Leading,
            "TRAILING" => TrimSide.Trailing,
            _ => null,
        };
        if (side is not null) Advance();
        Expression? remove = null;
        Expression source;
        if (side is not null && AcceptWord("FROM"))
        {
            source = ParseExpression();
        }
        else
        {
            var first = ParseExpression();
            if (AcceptWord("FROM"))
            {
                remove = first;
                source = ParseExpression();
            }
            else if (side is null)
            {
                source = first;
            }
            else
            {
                throw Error();
            }
        }
        Expect(TokenKind.RightParen);
        return new TrimExpression(side ?? TrimSide.Both, remove, source);
    }

    /// <summary>SUBSTRING(str, pos[, len]) or SUBSTRING(str FROM pos [FOR len]).</summary>
    private Expression ParseSubstringArguments()
    {
        var arguments = new List<Expression> { ParseExpression() };
        if (AcceptWord("FROM"))
        {
            arguments.Add(ParseExpression());
            if (AcceptWord("FOR")) arguments.Add(ParseExpression());
        }
        else
        {
            while (Accept(TokenKind.Comma)) arguments.Add(ParseExpression());
        }
        Expect(TokenKind.RightParen);
        return new FunctionCall("SUBSTRING", arguments.ToValueList());
    }

    private Expression ParseExtractArguments()
    {
        var unit = TryParseIntervalUnit() ?? Fail<IntervalUnit>();
        ExpectWord("FROM");
        var source = ParseExpression();
        Expect(TokenKind.RightParen);
        return new ExtractExpression(unit, source);
    }

    /// <summary>POSITION(substr IN str) is LOCATE(substr, str).</summary>
    private Expression ParsePositionArguments()
    {
        var needle = ParseBitOr();
        ExpectWord("IN");
        var haystack = ParseExpression();
        Expect(TokenKind.RightParen);
        return new FunctionCall("LOCATE", ValueList.Of(needle, haystack));
    }

    /// <summary>CHAR(n, ... [USING charset]).</summary>
    private Expression ParseCharArguments()
    {
        var arguments = ParseExpressionList();
        string? charset = null;
        if (AcceptWord("USING")) charset = ParseIdentifierOrString();
        Expect(TokenKind.RightParen);
        return new CharFunctionExpression(arguments, charset);
    }

    /// <summary>TIMESTAMPADD(unit, n, t) and TIMESTAMPDIFF(unit, a, b): the unit is a bare word.</summary>
    private Expression ParseTimestampArithmeticArguments(string name)
    {
        var unit = TryParseIntervalUnit() ?? Fail<IntervalUnit>();
        var arguments = new List<Expression> { new TimeUnitExpression(unit) };
        Expect(TokenKind.Comma);
        arguments.Add(ParseExpression());
        Expect(TokenKind.Comma);
        arguments.Add(ParseExpression());
        Expect(TokenKind.RightParen);
        return new FunctionCall(name, arguments.ToValueList());
    }

    /// <summary>GROUP_CONCAT([DISTINCT] expr, ... [ORDER BY ...] [SEPARATOR 'str']).</summary>
    private Expression ParseGroupConcatArguments()
    {
        var distinct = AcceptWord("DISTINCT");
        var arguments = ParseExpressionList();
        var orderBy = AtWords("ORDER", "BY") ? ParseOrderBy() : default;
        string? separator = null;
        if (AcceptWord("SEPARATOR")) separator = ParseStringValue();
        Expect(TokenKind.RightParen);
        return new FunctionCall("GROUP_CONCAT", arguments, Distinct: distinct, OrderBy: orderBy, Separator: separator);
    }

    /// <summary>OVER (spec) or OVER name.</summary>
    private WindowSpecification ParseOver()
    {
        ExpectWord("OVER");
        if (Current.Kind != TokenKind.LeftParen) return new WindowSpecification(ParseIdentifier(), default, default, null, IsBareReference: true);
        return ParseWindowSpecification();
    }

    /// <summary>( [name] [PARTITION BY ..] [ORDER BY ..] [frame] ).</summary>
    private WindowSpecification ParseWindowSpecification()
    {
        Expect(TokenKind.LeftParen);
        string? reference = null;
        if (AtIdentifier && !AtWord("ROWS") && !AtWord("RANGE")) reference = ParseIdentifier();
        ValueList<Expression> partitionBy = default;
        if (AcceptWords("PARTITION", "BY")) partitionBy = ParseExpressionList();
        var orderBy = AtWords("ORDER", "BY") ? ParseOrderBy() : default;
        WindowFrame? frame = null;
        if (AtWord("ROWS") || AtWord("RANGE"))
        {
            var units = CurrentWordUpper == "ROWS" ? WindowFrameUnits.Rows : WindowFrameUnits.Range;
            Advance();
            if (AcceptWord("BETWEEN"))
            {
                var start = ParseFrameBound();
                ExpectWord("AND");
                frame = new WindowFrame(units, start, ParseFrameBound());
            }
            else
            {
                frame = new WindowFrame(units, ParseFrameBound(), null);
            }
        }
        Expect(TokenKind.RightParen);
        return new WindowSpecification(reference, partitionBy, orderBy, frame);
    }

    private FrameBound ParseFrameBound()
    {
        if (AcceptWords("CURRENT", "ROW")) return new FrameBound(FrameBoundKind.CurrentRow, null);
        if (AcceptWord("UNBOUNDED"))
        {
            if (AcceptWord("PRECEDING")) return new FrameBound(FrameBoundKind.UnboundedPreceding, null);
            ExpectWord("FOLLOWING");
            return new FrameBound(FrameBoundKind.UnboundedFollowing, null);
        }
        var offset = AtWord("INTERVAL") ? ParseInterval() : ParsePrimary();
        if (AcceptWord("PRECEDING")) return new FrameBound(FrameBoundKind.Preceding, offset);
        ExpectWord("FOLLOWING");
        return new FrameBound(FrameBoundKind.Following, offset);
    }
}
