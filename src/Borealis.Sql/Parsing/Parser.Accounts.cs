using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>CREATE/ALTER/DROP USER, GRANT, REVOKE, and account names.</summary>
internal sealed partial class Parser
{
    /// <summary>'user'@'host', user@host, `user`@`host`, user (host '%'), CURRENT_USER[()].</summary>
    private UserName ParseUserName()
    {
        if (AcceptWord("CURRENT_USER"))
        {
            if (Accept(TokenKind.LeftParen)) Expect(TokenKind.RightParen);
            return UserName.CurrentUser;
        }
        var user = ParseIdentifierOrString();
        // The lexer reads @host right after a name as a user variable token.
        if (Current.Kind == TokenKind.UserVariable && !Current.PrecededBySpace) return new UserName(user, UserVariableName(Advance()));
        if (Current.Kind == TokenKind.At)
        {
            Advance();
            return new UserName(user, ParseIdentifierOrString());
        }
        return new UserName(user, "%");
    }

    private ValueList<UserSpecification> ParseUserSpecifications()
    {
        var users = new List<UserSpecification>();
        do
        {
            var user = ParseUserName();
            users.Add(new UserSpecification(user, ParseAuthentication()));
        }
        while (Accept(TokenKind.Comma));
        return users.ToValueList();
    }

    private Authentication? ParseAuthentication()
    {
        if (!AcceptWord("IDENTIFIED")) return null;
        if (AcceptWord("BY")) return new Authentication(null, ParseStringValue(), null);
        ExpectWord("WITH");
        var plugin = ParseIdentifierOrString();
        if (AcceptWord("BY")) return new Authentication(plugin, ParseStringValue(), null);
        if (AcceptWord("AS")) return new Authentication(plugin, null, ParseStringValue());
        return new Authentication(plugin, null, null);
    }

    private TlsRequirement ParseRequire()
    {
        if (!AcceptWord("REQUIRE")) return TlsRequirement.Unspecified;
        if (AcceptWord("NONE")) return TlsRequirement.None;
        if (AcceptWord("SSL")) return TlsRequirement.Ssl;
        if (AcceptWord("X509")) return TlsRequirement.X509;
        throw Error();
    }

    private Statement ParseCreateUser()
    {
        ExpectWord("USER");
        var ifNotExists = AcceptIfNotExists();
        var users = ParseUserSpecifications();
        return new CreateUserStatement(ifNotExists, users, ParseRequire());
    }

    private Statement ParseAlterUser()
    {
        ExpectWord("USER");
        var ifExists = AcceptIfExists();
        if (AtWord("USER") && Peek(1).Kind == TokenKind.LeftParen)
        {
            // ALTER USER USER() IDENTIFIED BY 'x': the current account.
            Advance();
            Advance();
            Expect(TokenKind.RightParen);
            return new AlterUserStatement(ifExists, ValueList.Of(new UserSpecification(UserName.CurrentUser, ParseAuthentication())), ParseRequire());
        }
        var users = ParseUserSpecifications();
        return new AlterUserStatement(ifExists, users, ParseRequire());
    }

    private Statement ParseDropUser()
    {
        ExpectWord("USER");
        var ifExists = AcceptIfExists();
        var users = new List<UserName>();
        do users.Add(ParseUserName());
        while (Accept(TokenKind.Comma));
        return new DropUserStatement(ifExists, users.ToValueList());
    }

    private Statement ParseGrant()
    {
        ExpectWord("GRANT");
        var privileges = ParsePrivileges();
        ExpectWord("ON");
        var level = ParseGrantLevel();
        ExpectWord("TO");
        var users = ParseUserSpecifications();
        ParseRequire();
        var withGrantOption = false;
        if (AcceptWord("WITH"))
        {
            ExpectWords("GRANT", "OPTION");
            withGrantOption = true;
        }
        return new GrantStatement(privileges, level, users, withGrantOption);
    }

    private Statement ParseRevoke()
    {
        ExpectWord("REVOKE");
        var privileges = ParsePrivileges();
        GrantLevel? level = null;
        if (AcceptWord("ON")) level = ParseGrantLevel();
        else if (!privileges.Any(p => p.Name == "ALL") || !privileges.Any(p => p.Name == "GRANT OPTION")) throw Error();
        ExpectWord("FROM");
        var users = new List<UserName>();
        do users.Add(ParseUserName());
        while (Accept(TokenKind.Comma));
        return new RevokeStatement(privileges, level, users.ToValueList());
    }

    /// <summary>priv [(cols)], ...; a privilege is one or more words ("CREATE TEMPORARY TABLES").</summary>
    private ValueList<Privilege> ParsePrivileges()
    {
        var privileges = new List<Privilege>();
        do
        {
            var words = new List<string>();
            while (Current.Kind == TokenKind.Word && !AtWord("ON") && !AtWord("FROM") && !AtWord("TO"))
            {
                words.Add(CurrentWordUpper!);
                Advance();
            }
            if (words.Count == 0) throw Error();
            var name = string.Join(' ', words);
            if (name == "ALL PRIVILEGES") name = "ALL";
            ValueList<string> columns = Current.Kind == TokenKind.LeftParen ? ParseParenthesizedIdentifiers().ToValueList() : default;
            privileges.Add(new Privilege(name, columns));
        }
        while (Accept(TokenKind.Comma));
        return privileges.ToValueList();
    }

    /// <summary>[TABLE|FUNCTION|PROCEDURE] *.* | db.* | db.tbl | * | tbl.</summary>
    private GrantLevel ParseGrantLevel()
    {
        var type = GrantObjectType.Any;
        if (AcceptWord("TABLE")) type = GrantObjectType.Table;
        else if (AcceptWord("FUNCTION")) type = GrantObjectType.Function;
        else if (AcceptWord("PROCEDURE")) type = GrantObjectType.Procedure;
        var first = Accept(TokenKind.Star) ? "*" : ParseIdentifier();
        if (!Accept(TokenKind.Dot)) return new GrantLevel(type, null, first);
        var second = Accept(TokenKind.Star) ? "*" : ParseIdentifierAfterDot();
        return new GrantLevel(type, first, second);
    }
}
