using Borealis.Sql.Printing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Tests;

/// <summary>
/// Random SELECT statements (set operations, joins, derived tables, grouping, ordering,
/// limits, locking) print to text that parses back to the same tree. The generator builds
/// only trees the parser can produce (for example, no NestedQuery without a reason to exist).
/// </summary>
public sealed class QueryRoundTripProperty
{
    [Fact]
    public void Random_select_statements_round_trip()
    {
        for (var seed = 0; seed < 5000; seed++)
        {
            var generator = new QueryGenerator(new Random(seed));
            var statement = new SelectStatement(generator.Query(depth: 3));
            var printed = SqlPrinter.Print(statement);
            Statement reparsed;
            try
            {
                reparsed = SqlParser.ParseSingle(printed);
            }
            catch (SqlSyntaxException error)
            {
                Assert.Fail($"seed {seed}: {printed}\n{error.Message}");
                throw;
            }
            Assert.True(statement == reparsed, $"seed {seed}:\n  printed   {printed}\n  reprinted {SqlPrinter.Print(reparsed)}");
        }
    }

    private sealed class QueryGenerator(Random random)
    {
        private bool Chance(int inN) => random.Next(inN) == 0;

        private Expression Column() => random.Next(3) switch
        {
            0 => new ColumnReference("c" + random.Next(4)),
            1 => new ColumnReference(null, "t" + random.Next(3), "c" + random.Next(4)),
            _ => new NumberLiteral(random.Next(50).ToString(System.Globalization.CultureInfo.InvariantCulture), NumberKind.Integer),
        };

        private Expression Condition(int depth) => random.Next(depth > 0 ? 5 : 3) switch
        {
            0 => new BinaryExpression(BinaryOperator.Equal, Column(), Column()),
            1 => new IsExpression(Column(), IsTest.Null, Chance(2)),
            2 => new BetweenExpression(Column(), Column(), Column(), false),
            3 => new InSubqueryExpression(Column(), Query(depth - 1), Chance(2)),
            _ => new BinaryExpression(Chance(2) ? BinaryOperator.And : BinaryOperator.Or, Condition(depth - 1), Condition(depth - 1)),
        };

        public Query Query(int depth)
        {
            var body = Body(depth);
            var orderBy = Chance(2) ? ValueList.Of(new OrderItem(Column(), Chance(2))) : default;
            var limit = Chance(2) ? new LimitClause(new NumberLiteral("10", NumberKind.Integer), Chance(2) ? new NumberLiteral("5", NumberKind.Integer) : null) : null;
            var locking = Chance(4) ? ValueList.Of(new LockingClause((LockStrength)random.Next(3), default, LockWait.Wait)) : default;
            var with = Chance(6) ? new WithClause(Chance(2), ValueList.Of(new CommonTableExpression("cte", default, Query(depth - 1)))) : null;
            if (depth <= 0) with = null;
            var query = new Query(with, body, orderBy, limit, locking);
            // The parser drops parentheses that add nothing: ((SELECT ...)) is (SELECT ...).
            return query is { With: null, OrderBy.IsEmpty: true, Limit: null, Locking.IsEmpty: true, Body: NestedQuery nested } ? nested.Query : query;
        }

        private QueryBody Body(int depth)
        {
            if (depth <= 0 || Chance(2)) return Specification(depth);
            var op = (SetOperator)random.Next(3);
            var left = SetOperand(depth - 1, op, isLeft: true);
            var right = SetOperand(depth - 1, op, isLeft: false);
            return new SetOperation(left, op, Chance(2), right);
        }

        private QueryBody SetOperand(int depth, SetOperator parent, bool isLeft)
        {
            var operand = Body(depth);
            if (operand is SetOperation set)
            {
                // Without parentheses the parser nests to the left, and INTERSECT binds tighter.
                var fitsUnparenthesized = isLeft
                    ? parent != SetOperator.Intersect || set.Operator == SetOperator.Intersect
                    : parent != SetOperator.Intersect && set.Operator == SetOperator.Intersect;
                if (!fitsUnparenthesized) return new NestedQuery(new Query(null, operand));
            }
            else if (Chance(4))
            {
                return new NestedQuery(new Query(null, operand, ValueList.Of(new OrderItem(Column(), false)), new LimitClause(new NumberLiteral("1", NumberKind.Integer), null)));
            }
            return operand;
        }

        private SelectSpecification Specification(int depth)
        {
            var items = new List<SelectItem>();
            if (Chance(4)) items.Add(new AllColumnsSelectItem(null, null));
            for (var i = random.Next(1, 3); i > 0; i--)
            {
                items.Add(Chance(5) ? new AllColumnsSelectItem(null, "t" + random.Next(3)) : new ExpressionSelectItem(Column(), Chance(2) ? "a" + i : null));
            }
            ValueList<TableReference> from = Chance(5) ? default : Enumerable.Range(0, random.Next(1, 3)).Select(_ => TableReference(depth)).ToValueList();
            var where = Chance(2) ? Condition(depth) : null;
            ValueList<Expression> groupBy = Chance(3) ? ValueList.Of(Column()) : default;
            var rollup = !groupBy.IsEmpty && Chance(2);
            var having = !groupBy.IsEmpty && Chance(2) ? Condition(0) : null;
            var options = Chance(3) ? SelectOptions.Distinct | (Chance(2) ? SelectOptions.SqlNoCache : SelectOptions.None) : SelectOptions.None;
            return new SelectSpecification(options, items.ToValueList(), from, where, groupBy, rollup, having);
        }

        private TableReference TableReference(int depth)
        {
            switch (random.Next(depth > 0 ? 5 : 3))
            {
                case 0 or 1:
                    return new TableSource(new TableName(Chance(3) ? "db" : null, "t" + random.Next(3)), Chance(2) ? "x" + random.Next(3) : null,
                        Chance(5) ? ValueList.Of(new IndexHint(IndexHintKind.Force, IndexHintScope.All, ValueList.Of("PRIMARY"))) : default);
                case 2:
                    var kind = (JoinKind)random.Next(5);
                    var natural = kind is JoinKind.Inner or JoinKind.Left or JoinKind.Right && Chance(3);
                    Expression? on = null;
                    ValueList<string> usingColumns = default;
                    if (!natural && kind != JoinKind.Cross)
                    {
                        if (Chance(3)) usingColumns = ValueList.Of("c1");
                        else if (kind != JoinKind.Straight || Chance(2)) on = Condition(0);
                    }
                    var left = TableReference(depth - 1);
                    var right = TableReference(depth - 1);
                    return new JoinedTable(left, kind, natural, right, on, usingColumns);
                case 3:
                    return new DerivedTable(Query(depth - 1), "d" + random.Next(3), Chance(3) ? ValueList.Of("k") : default);
                default:
                    return new NestedTableReferences(ValueList.Of(TableReference(depth - 1), TableReference(depth - 1)));
            }
        }
    }
}
