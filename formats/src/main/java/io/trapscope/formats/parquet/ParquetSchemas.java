package io.trapscope.formats.parquet;

import io.trapscope.formats.Column;
import io.trapscope.formats.Table;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/** The Parquet message type of each trace table. */
final class ParquetSchemas {
  private ParquetSchemas() {}

  static MessageType of(Table table) {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (Column column : table.columns()) {
      builder.addField(field(column));
    }
    return builder.named("trapscope_" + table.tableName());
  }

  private static PrimitiveType field(Column column) {
    Repetition repetition = column.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
    switch (column.type()) {
      case INT64:
        return Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
      case INT32:
        return Types.primitive(PrimitiveTypeName.INT32, repetition).named(column.name());
      case BOOLEAN:
        return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
      case STRING:
        return Types.primitive(PrimitiveTypeName.BINARY, repetition)
            .as(LogicalTypeAnnotation.stringType())
            .named(column.name());
      default:
        throw new IllegalStateException("unhandled column type " + column.type());
    }
  }
}
