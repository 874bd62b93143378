using Borealis.Engine.Rows;
using Borealis.Sql.Execution.Values;

namespace Borealis.Sql.Execution;

/// <summary>A row read from a clustered index: its key, stored values (long values read in) and evaluation values.</summary>
internal sealed record StoredRow(byte[] Key, ColumnValue[] Stored, SqlValue[] Values);
