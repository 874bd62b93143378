using Borealis.Sql.Syntax;

namespace Borealis.Sql.Tests;

/// <summary>The tree a planner sees for representative statements, compared as whole records.</summary>
public sealed class SyntaxTreeShapeTests
{
    private static ColumnReference Column(string name) => new(name);

    private static NumberLiteral Integer(string text) => new(text, NumberKind.Integer);

    [Fact]
    public void Point_select_is_a_query_over_one_table_with_an_equality_on_a_parameter()
    {
        var expected = new SelectStatement(new Query(
            null,
            new SelectSpecification(
                SelectOptions.None,
                ValueList.Of<SelectItem>(new ExpressionSelectItem(Column("c"), null)),
                ValueList.Of<TableReference>(new TableSource(new TableName(null, "sbtest1"))),
                new BinaryExpression(BinaryOperator.Equal, Column("id"), new Placeholder(0)))));
        Assert.Equal(expected, SqlParser.ParseSingle("SELECT c FROM sbtest1 WHERE id=?"));
    }

    [Fact]
    public void Union_with_order_and_limit_puts_them_on_the_whole_query()
    {
        var query = ((SelectStatement)SqlParser.ParseSingle("select a from t union all select b from u order by 1 limit 5 for update")).Query;
        var union = Assert.IsType<SetOperation>(query.Body);
        Assert.True(union.All);
        Assert.Equal(SetOperator.Union, union.Operator);
        Assert.Equal(new LimitClause(Integer("5"), null), query.Limit);
        Assert.Equal(ValueList.Of(new OrderItem(Integer("1"), false)), query.OrderBy);
        Assert.Equal(ValueList.Of(new LockingClause(LockStrength.Update, default, LockWait.Wait)), query.Locking);
    }

    [Fact]
    public void Joins_nest_to_the_left()
    {
        var select = (SelectSpecification)((SelectStatement)SqlParser.ParseSingle("select * from a left join b on a.x = b.x join c using (y)")).Query.Body;
        var outer = Assert.IsType<JoinedTable>(Assert.Single(select.From));
        Assert.Equal(JoinKind.Inner, outer.Kind);
        Assert.Equal(ValueList.Of("y"), outer.Using);
        var inner = Assert.IsType<JoinedTable>(outer.Left);
        Assert.Equal(JoinKind.Left, inner.Kind);
        Assert.Equal(new BinaryExpression(BinaryOperator.Equal, new ColumnReference(null, "a", "x"), new ColumnReference(null, "b", "x")), inner.On);
    }

    [Fact]
    public void Column_definition_folds_attributes_into_fields()
    {
        var create = (CreateTableStatement)SqlParser.ParseSingle(
            "create table t (id bigint unsigned not null auto_increment primary key comment 'k', name varchar(20) character set utf8mb4 collate utf8mb4_bin default 'x')");
        Assert.Equal(
            new ColumnDefinition("id", new DataType(DataTypeName.BigInt, Unsigned: true), Nullable: false, AutoIncrement: true, PrimaryKey: true, Comment: "k"),
            create.Elements[0]);
        Assert.Equal(
            new ColumnDefinition("name", new DataType(DataTypeName.VarChar, 20, CharacterSet: "utf8mb4", Collation: "utf8mb4_bin"), Default: new StringLiteral("x")),
            create.Elements[1]);
    }

    [Fact]
    public void Insert_on_duplicate_key_update_keeps_values_function()
    {
        var insert = (InsertStatement)SqlParser.ParseSingle("insert into t (a) values (1), (2) on duplicate key update a = values(a) + 1");
        Assert.Equal(ValueList.Of("a"), insert.Columns);
        Assert.Equal(2, ((InsertValues)insert.Source).Rows.Count);
        var update = Assert.Single(insert.OnDuplicateKeyUpdate);
        Assert.Equal(
            new ColumnAssignment(Column("a"), new BinaryExpression(BinaryOperator.Add, new FunctionCall("VALUES", ValueList.Of<Expression>(Column("a"))), Integer("1"))),
            update);
    }

    [Fact]
    public void Set_statement_distinguishes_user_and_system_variables_and_scopes()
    {
        var set = (SetStatement)SqlParser.ParseSingle("set @u = 1, global g = 2, @@session.s = 3, x = 4");
        Assert.Equal(
            ValueList.Of<SetItem>(
                new VariableAssignment(new UserVariable("u"), Integer("1")),
                new VariableAssignment(new SystemVariable("g", VariableScope.Global), Integer("2")),
                new VariableAssignment(new SystemVariable("s", VariableScope.Session), Integer("3")),
                new VariableAssignment(new SystemVariable("x"), Integer("4"))),
            set.Items);
    }

    [Fact]
    public void Numbers_keep_their_text_and_kind()
    {
        Assert.Equal(new NumberLiteral("1.50", NumberKind.Decimal), SqlParser.ParseExpression("1.50"));
        Assert.Equal(new NumberLiteral("2e3", NumberKind.Float), SqlParser.ParseExpression("2e3"));
        Assert.Equal(new NumberLiteral("99999999999999999999999", NumberKind.Integer), SqlParser.ParseExpression("99999999999999999999999"));
    }
}
