namespace Borealis.Sql.Syntax;

/// <summary>
/// IDENTIFIED BY 'password' | IDENTIFIED WITH plugin [BY 'password' | AS 'auth string'].
/// </summary>
public sealed record Authentication(string? Plugin, string? Password, string? AuthString) : SyntaxNode;

/// <summary>An account with its optional authentication.</summary>
public sealed record UserSpecification(UserName User, Authentication? Authentication) : SyntaxNode;

public enum TlsRequirement { Unspecified, None, Ssl, X509 }

/// <summary>CREATE USER [IF NOT EXISTS] u [auth], ... [REQUIRE NONE|SSL|X509].</summary>
public sealed record CreateUserStatement(bool IfNotExists, ValueList<UserSpecification> Users, TlsRequirement Require) : Statement;

/// <summary>ALTER USER [IF EXISTS] u [auth], ... [REQUIRE ...].</summary>
public sealed record AlterUserStatement(bool IfExists, ValueList<UserSpecification> Users, TlsRequirement Require) : Statement;

/// <summary>DROP USER [IF EXISTS] u, ...</summary>
public sealed record DropUserStatement(bool IfExists, ValueList<UserName> Users) : Statement;

/// <summary>A privilege name, upper-case with single spaces ("SELECT", "ALL", "CREATE TEMPORARY TABLES"), and optional columns.</summary>
public sealed record Privilege(string Name, ValueList<string> Columns) : SyntaxNode;

public enum GrantObjectType { Any, Table, Function, Procedure }

/// <summary>The ON part of GRANT/REVOKE: <c>*.*</c> (Database "*"), <c>db.*</c>, <c>db.t</c>, <c>*</c> or <c>t</c> (Database null: the current one).</summary>
public sealed record GrantLevel(GrantObjectType ObjectType, string? Database, string Table) : SyntaxNode;

/// <summary>GRANT privileges ON level TO users [WITH GRANT OPTION].</summary>
public sealed record GrantStatement(ValueList<Privilege> Privileges, GrantLevel On, ValueList<UserSpecification> To, bool WithGrantOption) : Statement;

/// <summary>REVOKE privileges ON level FROM users, or REVOKE ALL PRIVILEGES, GRANT OPTION FROM users (On null).</summary>
public sealed record RevokeStatement(ValueList<Privilege> Privileges, GrantLevel? On, ValueList<UserName> From) : Statement;
