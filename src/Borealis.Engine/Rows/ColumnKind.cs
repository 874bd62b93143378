namespace Borealis.Engine.Rows;

/// <summary>The engine-level type of a column; <see cref="ColumnType"/> adds its parameters.</summary>
public enum ColumnKind : byte
{
    /// <summary>TINYINT.</summary>
    Int8,
    /// <summary>SMALLINT.</summary>
    Int16,
    /// <summary>MEDIUMINT.</summary>
    Int24,
    /// <summary>INT.</summary>
    Int32,
    /// <summary>BIGINT.</summary>
    Int64,
    Float,
    Double,
    /// <summary>DECIMAL(precision, scale), precision 1..65, scale 0..30.</summary>
    Decimal,
    /// <summary>BIT(n), n 1..64.</summary>
    Bit,
    /// <summary>CHAR(n): n characters, with a collation.</summary>
    Char,
    /// <summary>VARCHAR(n): up to n characters, with a collation.</summary>
    VarChar,
    /// <summary>TINYTEXT, TEXT, MEDIUMTEXT, LONGTEXT (Length: the maximum bytes), with a collation.</summary>
    Text,
    /// <summary>BINARY(n).</summary>
    Binary,
    /// <summary>VARBINARY(n).</summary>
    VarBinary,
    /// <summary>TINYBLOB..LONGBLOB (Length: the maximum bytes).</summary>
    Blob,
    /// <summary>DATE, packed (see <see cref="Temporal"/>).</summary>
    Date,
    /// <summary>DATETIME(fsp), packed (see <see cref="Temporal"/>).</summary>
    DateTime,
    /// <summary>TIMESTAMP(fsp): microseconds since 1970-01-01 00:00:00 UTC, 0 for the zero timestamp.</summary>
    Timestamp,
    /// <summary>TIME(fsp): signed microseconds.</summary>
    Time,
    /// <summary>YEAR: 0 or 1901..2155.</summary>
    Year,
    /// <summary>ENUM: the 1-based index of the member, 0 for the '' error value.</summary>
    Enum,
    /// <summary>SET: a bit mask of members (bit i = member i), up to 64 members.</summary>
    Set,
    /// <summary>JSON, as its UTF-8 text.</summary>
    Json,
}
