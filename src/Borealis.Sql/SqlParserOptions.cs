namespace Borealis.Sql;

/// <summary>The sql_mode flags that change how statement text is read.</summary>
[Flags]
public enum SqlLexicalModes
{
    None = 0,
    /// <summary>NO_BACKSLASH_ESCAPES: a backslash in a string is an ordinary character.</summary>
    NoBackslashEscapes = 1,
    /// <summary>ANSI_QUOTES: "x" is an identifier, not a string.</summary>
    AnsiQuotes = 2,
    /// <summary>PIPES_AS_CONCAT: || concatenates instead of meaning OR.</summary>
    PipesAsConcat = 4,
}

/// <summary>How the parser reads text for one session.</summary>
/// <param name="Modes">The session's sql_mode flags that affect lexing.</param>
/// <param name="ServerVersion">
/// The version compared with <c>/*!NNNNN ... */</c> comments: their content is SQL when
/// NNNNN is not above it (MySQL 8.0.40 is 80040).
/// </param>
public sealed record SqlParserOptions(SqlLexicalModes Modes = SqlLexicalModes.None, int ServerVersion = 80040)
{
    public static SqlParserOptions Default { get; } = new();
}
