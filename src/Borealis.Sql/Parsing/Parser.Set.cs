using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>SET (variables, NAMES, CHARACTER SET, TRANSACTION, PASSWORD) and USE.</summary>
internal sealed partial class Parser
{
    private Statement ParseSet()
    {
        ExpectWord("SET");
        if (AtWord("TRANSACTION")) return ParseSetTransaction(VariableScope.Default);
        if ((AtWord("GLOBAL") || AtWord("SESSION") || AtWord("LOCAL")) && AtWord("TRANSACTION", 1))
        {
            var scope = ScopeOf(CurrentWordUpper!)!.Value;
            Advance();
            return ParseSetTransaction(scope == VariableScope.Local ? VariableScope.Session : scope);
        }
        if (AtWord("PASSWORD") && (Peek(1).Kind == TokenKind.Equal || AtWord("FOR", 1))) return ParseSetPassword();
        var items = new List<SetItem>();
        do items.Add(ParseSetItem());
        while (Accept(TokenKind.Comma));
        return new SetStatement(items.ToValueList());
    }

    private SetItem ParseSetItem()
    {
        if (AtWord("NAMES") && Peek(1).Kind is not (TokenKind.Equal or TokenKind.Assign))
        {
            Advance();
            if (AcceptWord("DEFAULT")) return new SetNames(null, null);
            var charset = ParseCharsetOrCollationName();
            var collation = AcceptWord("COLLATE") ? (AcceptWord("DEFAULT") ? null : ParseCharsetOrCollationName()) : null;
            return new SetNames(charset, collation);
        }
        if (AtWord("CHARSET") && Peek(1).Kind is not (TokenKind.Equal or TokenKind.Assign) || AtWords("CHARACTER", "SET"))
        {
            if (!AcceptWord("CHARSET")) ExpectWords("CHARACTER", "SET");
            return new SetCharacterSet(AcceptWord("DEFAULT") ? null : ParseCharsetOrCollationName());
        }
        Expression variable;
        if (Current.Kind == TokenKind.UserVariable)
        {
            variable = new UserVariable(UserVariableName(Advance()));
        }
        else if (Accept(TokenKind.DoubleAt))
        {
            variable = ParseSystemVariableName();
        }
        else
        {
            var scope = VariableScope.Default;
            if (Current.Kind == TokenKind.Word && ScopeOf(CurrentWordUpper!) is { } explicitScope && Peek(1).Kind is not (TokenKind.Equal or TokenKind.Assign))
            {
                scope = explicitScope;
                Advance();
            }
            var name = ParseSetVariableName();
            variable = new SystemVariable(name, scope);
        }
        if (!Accept(TokenKind.Equal)) Expect(TokenKind.Assign);
        return new VariableAssignment(variable, ParseSetValue());
    }

    /// <summary>A system variable name in SET: a word (reserved ones too, as MySQL's keyword-named
    /// variables such as sql_log_bin are not reserved but some are), or a dotted component name.</summary>
    private string ParseSetVariableName()
    {
        var name = Current.Kind == TokenKind.Word ? TextOf(Advance()).ToString() : ParseIdentifier();
        while (Current.Kind == TokenKind.Dot)
        {
            Advance();
            name += "." + ParseIdentifierAfterDot();
        }
        return name;
    }

    /// <summary>The value of a SET assignment: DEFAULT, ON, or any expression (a bare word is read as its name).</summary>
    private Expression ParseSetValue()
    {
        if (AtWord("DEFAULT") && Peek(1).Kind != TokenKind.LeftParen)
        {
            Advance();
            return new DefaultValue();
        }
        if (Current.Kind == TokenKind.Word && CurrentWordUpper is "ON" or "ALL" or "BINARY" or "ROW" or "SYSTEM"
            && Peek(1).Kind is TokenKind.Comma or TokenKind.Semicolon or TokenKind.EndOfInput)
        {
            return new ColumnReference(KeywordSpelling.ToUpper(TextOf(Advance())));
        }
        return ParseExpression();
    }

    private Statement ParseSetPassword()
    {
        ExpectWord("PASSWORD");
        UserName? user = null;
        if (AcceptWord("FOR")) user = ParseUserName();
        if (!Accept(TokenKind.Equal)) Expect(TokenKind.Assign);
        if (AcceptWord("PASSWORD"))
        {
            // The old PASSWORD('text') form.
            Expect(TokenKind.LeftParen);
            var text = ParseStringValue();
            Expect(TokenKind.RightParen);
            return new SetPasswordStatement(user, text);
        }
        return new SetPasswordStatement(user, ParseStringValue());
    }

    private Statement ParseUse()
    {
        ExpectWord("USE");
        return new UseStatement(ParseIdentifier());
    }
}
