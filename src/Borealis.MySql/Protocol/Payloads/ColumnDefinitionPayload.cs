namespace Borealis.MySql.Protocol.Payloads;

/// <summary>
/// Column definition (Protocol::ColumnDefinition41), also used for prepared-statement parameters
/// and, with a default value, for COM_FIELD_LIST.
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset_column_definition.html
/// </summary>
public readonly struct ColumnDefinitionPayload(MySqlColumn column, ushort connectionCollation, bool withDefault = false)
{
    public MySqlColumn Column { get; } = column;

    public void Write(PayloadWriter writer)
    {
        var c = Column;
        writer.WriteLengthEncodedString("def"u8);
        writer.WriteLengthEncodedString(c.Schema.AsSpan());
        writer.WriteLengthEncodedString(c.Table.AsSpan());
        writer.WriteLengthEncodedString((c.OrgTable ?? c.Table).AsSpan());
        writer.WriteLengthEncodedString(c.Name.AsSpan());
        writer.WriteLengthEncodedString((c.OrgName ?? c.Name).AsSpan());
        writer.WriteByte(0x0C); // length of the fixed-length fields below
        writer.WriteUInt16(c.Collation != 0 ? c.Collation : MySqlColumn.IsBinaryType(c.Type) ? Collations.Binary : connectionCollation);
        writer.WriteUInt32(c.Length);
        writer.WriteByte((byte)c.Type);
        writer.WriteUInt16((ushort)c.Flags);
        writer.WriteByte(c.Decimals);
        writer.WriteUInt16(0);
        if (withDefault)
        {
            if (c.DefaultValue is null) writer.WriteByte(0xFB);
            else writer.WriteLengthEncodedString(c.DefaultValue.AsSpan());
        }
    }
}
