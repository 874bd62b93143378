using Borealis.Sql.Syntax;

namespace Borealis.Sql.Printing;

/// <summary>Statement dispatch, and SELECT/INSERT/UPDATE/DELETE/DO.</summary>
public sealed partial class SqlPrinter
{
    private void Statement(Statement statement)
    {
        switch (statement)
        {
            case SelectStatement select:
                Query(select.Query);
                if (select.Into is not null) Into(select.Into);
                break;
            case InsertStatement insert: Insert(insert); break;
            case UpdateStatement update: Update(update); break;
            case DeleteStatement delete: Delete(delete); break;
            case DoStatement doStatement:
                Write("DO ");
                List(doStatement.Expressions, Expr);
                break;
            case EmptyStatement empty:
                // An all-comment text is a no-op where an empty one is an error (1065): keep which it was.
                if (empty.HadComment) Write("/* */");
                break;
            default:
                if (!SchemaStatement(statement) && !SessionStatement(statement)) throw new ArgumentOutOfRangeException(nameof(statement), statement.GetType().Name);
                break;
        }
    }

    private void Into(SelectInto into)
    {
        switch (into)
        {
            case SelectIntoVariables variables:
                Write(" INTO ");
                List(variables.Variables, Expr);
                break;
            case SelectIntoDumpfile dumpfile:
                Write(" INTO DUMPFILE ").StringValue(dumpfile.Path);
                break;
            case SelectIntoOutfile outfile:
                Write(" INTO OUTFILE ").StringValue(outfile.Path);
                if (outfile.CharacterSet is not null) Write(" CHARACTER SET ").BareName(outfile.CharacterSet);
                if (outfile.FieldsTerminatedBy is not null || outfile.FieldsEnclosedBy is not null || outfile.FieldsEscapedBy is not null)
                {
                    Write(" FIELDS");
                    if (outfile.FieldsTerminatedBy is not null) Write(" TERMINATED BY ").StringValue(outfile.FieldsTerminatedBy);
                    if (outfile.FieldsEnclosedBy is not null) Write(outfile.FieldsOptionallyEnclosed ? " OPTIONALLY ENCLOSED BY " : " ENCLOSED BY ").StringValue(outfile.FieldsEnclosedBy);
                    if (outfile.FieldsEscapedBy is not null) Write(" ESCAPED BY ").StringValue(outfile.FieldsEscapedBy);
                }
                if (outfile.LinesStartingBy is not null || outfile.LinesTerminatedBy is not null)
                {
                    Write(" LINES");
                    if (outfile.LinesStartingBy is not null) Write(" STARTING BY ").StringValue(outfile.LinesStartingBy);
                    if (outfile.LinesTerminatedBy is not null) Write(" TERMINATED BY ").StringValue(outfile.LinesTerminatedBy);
                }
                break;
        }
    }

    private void Insert(InsertStatement insert)
    {
        Write(insert.Replace ? "REPLACE " : "INSERT ");
        Write(insert.Priority switch
        {
            InsertPriority.LowPriority => "LOW_PRIORITY ",
            InsertPriority.Delayed => "DELAYED ",
            InsertPriority.HighPriority => "HIGH_PRIORITY ",
            _ => "",
        });
        if (insert.Ignore) Write("IGNORE ");
        Write("INTO ").Name(insert.Table);
        if (!insert.Columns.IsEmpty) Write(" (").IdentifierList(insert.Columns).Write(')');
        switch (insert.Source)
        {
            case InsertValues values:
                Write(" VALUES ");
                List(values.Rows, row =>
                {
                    Write('(');
                    List(row, Expr);
                    Write(')');
                });
                if (insert.RowAlias is not null) Write(" AS ").Identifier(insert.RowAlias);
                break;
            case InsertSet set:
                Write(" SET ");
                List(set.Assignments, Assignment);
                break;
            case InsertQuery query:
                Write(' ');
                Query(query.Query);
                break;
        }
        if (!insert.OnDuplicateKeyUpdate.IsEmpty)
        {
            Write(" ON DUPLICATE KEY UPDATE ");
            List(insert.OnDuplicateKeyUpdate, Assignment);
        }
    }

    private void Assignment(ColumnAssignment assignment)
    {
        Expr(assignment.Column);
        Write(" = ");
        Expr(assignment.Value);
    }

    private void Update(UpdateStatement update)
    {
        Write("UPDATE ");
        if (update.LowPriority) Write("LOW_PRIORITY ");
        if (update.Ignore) Write("IGNORE ");
        List(update.Tables, TableReference);
        Write(" SET ");
        List(update.Assignments, Assignment);
        Where(update.Where);
        OrderByAndLimit(update.OrderBy, update.Limit);
    }

    private void Delete(DeleteStatement delete)
    {
        Write("DELETE ");
        if (delete.LowPriority) Write("LOW_PRIORITY ");
        if (delete.Quick) Write("QUICK ");
        if (delete.Ignore) Write("IGNORE ");
        if (delete.IsMultiTable)
        {
            List(delete.Targets, name => Name(name));
            Write(' ');
        }
        Write("FROM ");
        List(delete.From, TableReference);
        Where(delete.Where);
        OrderByAndLimit(delete.OrderBy, delete.Limit);
    }

    private void Where(Expression? where)
    {
        if (where is null) return;
        Write(" WHERE ");
        Expr(where);
    }

    private void OrderByAndLimit(ValueList<OrderItem> orderBy, LimitClause? limit)
    {
        if (!orderBy.IsEmpty)
        {
            Write(" ORDER BY ");
            List(orderBy, OrderItem);
        }
        if (limit is not null) Limit(limit);
    }
}
