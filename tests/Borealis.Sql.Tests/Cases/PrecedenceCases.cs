namespace Borealis.Sql.Tests.Cases;

/// <summary>How operators group: (expression, the same with every operator parenthesised).</summary>
public static class PrecedenceCases
{
    public static TheoryData<string, string> Cases => new()
    {
        { "1 + 2 * 3", "1 + (2 * 3)" },
        { "1 * 2 + 3", "(1 * 2) + 3" },
        { "1 - 2 - 3", "(1 - 2) - 3" },
        { "a or b and c", "`a` OR (`b` AND `c`)" },
        { "a xor b or c", "(`a` XOR `b`) OR `c`" },
        { "a and b xor c", "(`a` AND `b`) XOR `c`" },
        { "not a = b", "NOT (`a` = `b`)" },
        { "!a = b", "(NOT `a`) = `b`" },
        { "a = b is null", "(`a` = `b`) IS NULL" },
        { "not a is null", "NOT (`a` IS NULL)" },
        { "a | b & c", "`a` | (`b` & `c`)" },
        { "a & b << c", "`a` & (`b` << `c`)" },
        { "a << b + c", "`a` << (`b` + `c`)" },
        { "a * b ^ c", "`a` * (`b` ^ `c`)" },
        { "-a ^ b", "(-`a`) ^ `b`" },
        { "a + b between 1 and 2 + 3", "(`a` + `b`) BETWEEN 1 AND (2 + 3)" },
        { "a between 1 and 2 and b", "(`a` BETWEEN 1 AND 2) AND `b`" },
        { "a in (1) = b", "(`a` IN (1)) = `b`" },
        { "a like b = c", "(`a` LIKE `b`) = `c`" },
        { "a = b like c", "`a` = (`b` LIKE `c`)" },
        { "a || b && c", "`a` OR (`b` AND `c`)" },
        { "a collate x = b", "(`a` COLLATE x) = `b`" },
        { "-a collate x", "-(`a` COLLATE x)" },
        { "d + interval 1 day - interval 2 hour", "(`d` + INTERVAL 1 DAY) - INTERVAL 2 HOUR" },
        { "not not a", "NOT (NOT `a`)" },
        { "a = 1 or b = 2 and not c = 3", "(`a` = 1) OR ((`b` = 2) AND (NOT (`c` = 3)))" },
        { "@v := 1 + 2", "@v := (1 + 2)" },
        { "a is true = b", "(`a` IS TRUE) = `b`" },
        { "~a + 1", "(~`a`) + 1" },
        { "binary a = b", "(BINARY `a`) = `b`" },
        { "a div b mod c", "(`a` DIV `b`) % `c`" },
        { "case when a then b end + 1", "CASE WHEN `a` THEN `b` END + 1" },
    };
}
