using Borealis.Sql.Execution.Expressions;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution;

public sealed partial class SqlSession
{
    private async ValueTask SetAsync(SetStatement set, SqlValue[] parameters, CancellationToken cancellationToken)
    {
        var evaluator = new Evaluator(this, parameters);
        var scope = new RowScope(null, null);
        foreach (var item in set.Items)
        {
            switch (item)
            {
                case SetNames names:
                    // Results are always utf8mb4 here; the names are kept so clients reading them back agree.
                    var charset = names.CharacterSet ?? "utf8mb4";
                    if (charset.ToLowerInvariant() is not ("utf8mb4" or "utf8" or "utf8mb3" or "binary")) throw SqlErrors.NotSupported("SET NAMES " + charset);
                    Variables.Set("character_set_client", SqlValue.FromString(charset), VariableScope.Session);
                    Variables.Set("character_set_connection", SqlValue.FromString(charset), VariableScope.Session);
                    Variables.Set("character_set_results", SqlValue.FromString(charset), VariableScope.Session);
                    if (names.Collation is { } collation) Variables.Set("collation_connection", SqlValue.FromString(collation), VariableScope.Session);
                    break;
                case SetCharacterSet:
                    break;
                case VariableAssignment { Variable: UserVariable user } assignment:
                    UserVariables[user.Name.ToLowerInvariant()] = evaluator.Eval(assignment.Value, scope);
                    break;
                case VariableAssignment { Variable: SystemVariable variable } assignment:
                {
                    var value = assignment.Value switch
                    {
                        // SET autocommit = ON: a bare word is its name as a string.
                        ColumnReference { Table: null } word => SqlValue.FromString(word.Column),
                        DefaultValue => SqlValue.Null,
                        var e => evaluator.Eval(e, scope),
                    };
                    var name = variable.Name.ToLowerInvariant();
                    if (assignment.Value is DefaultValue) continue;
                    var wasAutocommit = Variables.Autocommit;
                    Variables.Set(name, value, variable.Scope);
                    // Turning autocommit on commits an open transaction, as MySQL does.
                    if (name == "autocommit" && !wasAutocommit && Variables.Autocommit) await CommitAsync(cancellationToken).ConfigureAwait(false);
                    break;
                }
                default:
                    throw SqlErrors.NotSupported("SET " + item);
            }
        }
    }
}
