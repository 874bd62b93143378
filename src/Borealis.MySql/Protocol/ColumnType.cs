namespace Borealis.MySql.Protocol;

/// <summary>
/// enum_field_types: the type byte of a column definition and of a binary parameter.
/// https://dev.mysql.com/doc/dev/mysql-server/latest/field__types_8h.html
/// </summary>
public enum ColumnType : byte
{
    Decimal = 0,
    Tiny = 1,
    Short = 2,
    Long = 3,
    Float = 4,
    Double = 5,
    Null = 6,
    Timestamp = 7,
    LongLong = 8,
    Int24 = 9,
    Date = 10,
    Time = 11,
    DateTime = 12,
    Year = 13,
    NewDate = 14,
    VarChar = 15,
    Bit = 16,
    Timestamp2 = 17,
    DateTime2 = 18,
    Time2 = 19,
    Json = 245,
    NewDecimal = 246,
    Enum = 247,
    Set = 248,
    TinyBlob = 249,
    MediumBlob = 250,
    LongBlob = 251,
    Blob = 252,
    VarString = 253,
    String = 254,
    Geometry = 255,
}

/// <summary>Column definition flags (the *_FLAG constants of mysql_com.h).</summary>
[Flags]
public enum ColumnFlags : ushort
{
    None = 0,
    NotNull = 1,
    PrimaryKey = 2,
    UniqueKey = 4,
    MultipleKey = 8,
    Blob = 0x10,
    Unsigned = 0x20,
    Zerofill = 0x40,
    Binary = 0x80,
    Enum = 0x100,
    AutoIncrement = 0x200,
    Timestamp = 0x400,
    Set = 0x800,
    NoDefaultValue = 0x1000,
    OnUpdateNow = 0x2000,
    Number = 0x8000,
}
