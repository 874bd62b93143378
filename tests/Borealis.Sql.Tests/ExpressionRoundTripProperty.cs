using Borealis.Sql.Printing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Tests;

/// <summary>
/// Random expression trees print to text that parses back to the same tree: the printer's
/// parentheses agree with the parser's precedence for every operator pairing. Seeded; a
/// failure names its seed and tree.
/// </summary>
public sealed class ExpressionRoundTripProperty
{
    private static readonly BinaryOperator[] Operators =
    [
        BinaryOperator.Or, BinaryOperator.Xor, BinaryOperator.And, BinaryOperator.Equal, BinaryOperator.NullSafeEqual,
        BinaryOperator.NotEqual, BinaryOperator.Less, BinaryOperator.LessOrEqual, BinaryOperator.Greater, BinaryOperator.GreaterOrEqual,
        BinaryOperator.BitOr, BinaryOperator.BitAnd, BinaryOperator.BitXor, BinaryOperator.ShiftLeft, BinaryOperator.ShiftRight,
        BinaryOperator.Add, BinaryOperator.Subtract, BinaryOperator.Multiply, BinaryOperator.Divide, BinaryOperator.IntegerDivide,
        BinaryOperator.Modulo,
    ];

    private static readonly UnaryOperator[] UnaryOperators = [UnaryOperator.Negate, UnaryOperator.Plus, UnaryOperator.BitNot, UnaryOperator.Not, UnaryOperator.Binary];

    [Fact]
    public void Random_expressions_round_trip()
    {
        for (var seed = 0; seed < 20000; seed++)
        {
            var random = new Random(seed);
            var tree = Generate(random, depth: 5);
            var printed = SqlPrinter.Print(tree);
            Expression reparsed;
            try
            {
                reparsed = SqlParser.ParseExpression(printed);
            }
            catch (SqlSyntaxException error)
            {
                Assert.Fail($"seed {seed}: {printed}\n{error.Message}");
                throw;
            }
            Assert.True(tree == reparsed, $"seed {seed}:\n  printed   {printed}\n  grouped   {SqlPrinter.Print(tree, fullyParenthesized: true)}\n  reparsed  {SqlPrinter.Print(reparsed, fullyParenthesized: true)}");
        }
    }

    private static Expression Generate(Random random, int depth)
    {
        if (depth == 0 || random.Next(4) == 0) return Leaf(random);
        Expression Child() => Generate(random, depth - 1);
        switch (random.Next(25))
        {
            case 17: return new ExistsExpression(SimpleQuery(Child()));
            case 18: return new SubqueryExpression(SimpleQuery(Child()));
            case 19: return new InSubqueryExpression(Child(), SimpleQuery(Child()), random.Next(2) == 0);
            case 20: return new QuantifiedComparison(Operators[3 + random.Next(7)], Child(), (SubqueryQuantifier)random.Next(2), SimpleQuery(Child()));
            case 21: return new BinaryExpression(random.Next(2) == 0 ? BinaryOperator.JsonExtract : BinaryOperator.JsonUnquoteExtract, new ColumnReference("j"), new StringLiteral("$.a"));
            case 22: return new TrimExpression((TrimSide)random.Next(3), random.Next(2) == 0 ? Child() : null, Child()) is { Side: TrimSide.Both, Remove: null } plain ? plain : new TrimExpression(TrimSide.Leading, Child(), Child());
            case 23: return new ExtractExpression(IntervalUnit.Year, Child());
            case 24:
                return new FunctionCall("SUM", ValueList.Of(Child()), Over: new WindowSpecification(null, ValueList.Of(Child()), ValueList.Of(new OrderItem(Child(), random.Next(2) == 0)),
                    new WindowFrame(WindowFrameUnits.Rows, new FrameBound(FrameBoundKind.Preceding, new NumberLiteral("1", NumberKind.Integer)), new FrameBound(FrameBoundKind.CurrentRow, null))));
            case 0 or 1 or 2 or 3: return new BinaryExpression(Operators[random.Next(Operators.Length)], Child(), Child());
            case 4: return new UnaryExpression(UnaryOperators[random.Next(UnaryOperators.Length)], Child());
            case 5: return new IsExpression(Child(), (IsTest)random.Next(4), random.Next(2) == 0);
            case 6: return new LikeExpression(Child(), Child(), random.Next(3) == 0 ? Leaf(random) : null, random.Next(2) == 0);
            case 7: return new RegexpExpression(Child(), Child(), random.Next(2) == 0);
            case 8: return new InListExpression(Child(), ValueList.Of(Child(), Child()), random.Next(2) == 0);
            case 9: return new BetweenExpression(Child(), Child(), Child(), random.Next(2) == 0);
            case 10: return new CaseExpression(random.Next(2) == 0 ? Child() : null, ValueList.Of(new WhenClause(Child(), Child())), random.Next(2) == 0 ? Child() : null);
            case 11: return new CollateExpression(Child(), "utf8mb4_bin");
            case 12: return new FunctionCall("COALESCE", ValueList.Of(Child(), Child()));
            case 13: return new AssignmentExpression(new UserVariable("v"), Child());
            case 14: return new IntervalExpression(Child(), IntervalUnit.Day);
            case 15: return new CastExpression(Child(), new DataType(DataTypeName.BigInt, Unsigned: true));
            default: return new RowExpression(ValueList.Of(Child(), Child()));
        }
    }

    private static Query SimpleQuery(Expression item) =>
        new(null, new SelectSpecification(SelectOptions.None, ValueList.Of<SelectItem>(new ExpressionSelectItem(item, null)), ValueList.Of<TableReference>(new TableSource(new TableName(null, "t")))));

    private static Expression Leaf(Random random) => random.Next(11) switch
    {
        6 => new TemporalLiteral(TemporalKind.Date, "2024-01-02"),
        7 => new HexLiteral("0A1"),
        8 => new BitLiteral("101", "binary"),
        9 => new StringLiteral("n", National: true),
        10 => new StringLiteral("u", "utf8mb4"),
        0 => new NumberLiteral(random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture), NumberKind.Integer),
        1 => new StringLiteral("s" + random.Next(10)),
        2 => NullLiteral.Instance,
        3 => new BooleanLiteral(random.Next(2) == 0),
        4 => new SystemVariable("x", VariableScope.Session),
        _ => new ColumnReference("c" + random.Next(5)),
    };
}
