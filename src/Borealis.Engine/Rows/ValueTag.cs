namespace Borealis.Engine.Rows;

/// <summary>Which field of a <see cref="ColumnValue"/> holds the value. In memory only.</summary>
public enum ValueTag : byte
{
    Null,
    /// <summary>Signed integers; DATE, DATETIME, TIMESTAMP, TIME as packed integers (<see cref="Temporal"/>); YEAR as the year.</summary>
    Int64,
    /// <summary>Unsigned integers; BIT; ENUM index; SET mask.</summary>
    UInt64,
    /// <summary>DOUBLE and FLOAT (widened exactly).</summary>
    Double,
    /// <summary>A DECIMAL that fits System.Decimal.</summary>
    Decimal,
    /// <summary>A DECIMAL too wide for System.Decimal: its ASCII text, e.g. "-12345678901234567890123456789.5".</summary>
    DecimalText,
    /// <summary>Strings (UTF-8), byte strings, JSON text: the bytes.</summary>
    Bytes,
    /// <summary>A byte value that lives in a chain of overflow pages (<see cref="OverflowRef"/>).</summary>
    Overflow,
}
