using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>BEGIN, START TRANSACTION, COMMIT, ROLLBACK, savepoints, SET TRANSACTION.</summary>
internal sealed partial class Parser
{
    private Statement ParseStartTransaction()
    {
        if (AcceptWord("BEGIN"))
        {
            AcceptWord("WORK");
            return new StartTransactionStatement(TransactionCharacteristics.None);
        }
        ExpectWords("START", "TRANSACTION");
        var characteristics = TransactionCharacteristics.None;
        if (Current.Kind == TokenKind.Word)
        {
            do
            {
                if (AcceptWords("READ", "ONLY")) characteristics |= TransactionCharacteristics.ReadOnly;
                else if (AcceptWords("READ", "WRITE")) characteristics |= TransactionCharacteristics.ReadWrite;
                else if (AcceptWord("WITH"))
                {
                    ExpectWords("CONSISTENT", "SNAPSHOT");
                    characteristics |= TransactionCharacteristics.WithConsistentSnapshot;
                }
                else throw Error();
            }
            while (Accept(TokenKind.Comma));
        }
        if ((characteristics & TransactionCharacteristics.ReadOnly) != 0 && (characteristics & TransactionCharacteristics.ReadWrite) != 0) throw ErrorAt(previous);
        return new StartTransactionStatement(characteristics);
    }

    private Statement ParseCommit()
    {
        ExpectWord("COMMIT");
        AcceptWord("WORK");
        ParseCompletionOptions();
        return new CommitStatement();
    }

    private Statement ParseRollback()
    {
        ExpectWord("ROLLBACK");
        AcceptWord("WORK");
        if (AcceptWord("TO"))
        {
            AcceptWord("SAVEPOINT");
            return new RollbackStatement(ParseIdentifier());
        }
        ParseCompletionOptions();
        return new RollbackStatement(null);
    }

    /// <summary>[AND [NO] CHAIN] [[NO] RELEASE]: accepted with their defaults only.</summary>
    private void ParseCompletionOptions()
    {
        if (AcceptWord("AND"))
        {
            ExpectWords("NO", "CHAIN");
        }
        if (AcceptWord("NO")) ExpectWord("RELEASE");
    }

    private Statement ParseSavepoint()
    {
        ExpectWord("SAVEPOINT");
        return new SavepointStatement(ParseIdentifier());
    }

    private Statement ParseReleaseSavepoint()
    {
        ExpectWords("RELEASE", "SAVEPOINT");
        return new ReleaseSavepointStatement(ParseIdentifier());
    }

    /// <summary>After [GLOBAL|SESSION] TRANSACTION: ISOLATION LEVEL x and/or READ ONLY|WRITE.</summary>
    private Statement ParseSetTransaction(VariableScope scope)
    {
        ExpectWord("TRANSACTION");
        IsolationLevel? level = null;
        bool? readOnly = null;
        do
        {
            if (AcceptWords("ISOLATION", "LEVEL"))
            {
                if (AcceptWords("READ", "UNCOMMITTED")) level = IsolationLevel.ReadUncommitted;
                else if (AcceptWords("READ", "COMMITTED")) level = IsolationLevel.ReadCommitted;
                else if (AcceptWords("REPEATABLE", "READ")) level = IsolationLevel.RepeatableRead;
                else if (AcceptWord("SERIALIZABLE")) level = IsolationLevel.Serializable;
                else throw Error();
            }
            else if (AcceptWords("READ", "ONLY")) readOnly = true;
            else if (AcceptWords("READ", "WRITE")) readOnly = false;
            else throw Error();
        }
        while (Accept(TokenKind.Comma));
        return new SetTransactionStatement(scope, level, readOnly);
    }
}
