using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>PREPARE, EXECUTE, DEALLOCATE PREPARE.</summary>
internal sealed partial class Parser
{
    private Statement ParsePrepare()
    {
        ExpectWord("PREPARE");
        var name = ParseIdentifier();
        ExpectWord("FROM");
        Expression source = Current.Kind switch
        {
            TokenKind.String => new StringLiteral(ParseStringValue()),
            TokenKind.UserVariable => new UserVariable(UserVariableName(Advance())),
            _ => Fail<Expression>(),
        };
        return new PrepareStatement(name, source);
    }

    private Statement ParseExecute()
    {
        ExpectWord("EXECUTE");
        var name = ParseIdentifier();
        var variables = new List<UserVariable>();
        if (AcceptWord("USING"))
        {
            do
            {
                if (Current.Kind != TokenKind.UserVariable) throw Error();
                variables.Add(new UserVariable(UserVariableName(Advance())));
            }
            while (Accept(TokenKind.Comma));
        }
        return new ExecuteStatement(name, variables.ToValueList());
    }

    /// <summary>After DEALLOCATE or DROP: PREPARE name.</summary>
    private Statement ParseDeallocatePrepare()
    {
        ExpectWord("PREPARE");
        return new DeallocatePrepareStatement(ParseIdentifier());
    }
}
