//! Query results as an output [`Frame`], for the CLI's table/CSV/JSON/Parquet writers.

use arrow::array::{Array, AsArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Float64Type, Int64Type};
use arrow::record_batch::RecordBatch;
use multipolar_output::{Column, Frame};

use crate::error::{Result, StoreError};

/// Concatenates result batches into a frame: integers without nulls become integer
/// columns, other numbers float columns (null → missing), everything else text (null →
/// empty).
pub fn to_frame(batches: &[RecordBatch]) -> Result<Frame> {
    let mut frame = Frame::new();
    let Some(first) = batches.first() else {
        return Ok(frame);
    };
    let schema = first.schema();
    let table = arrow::compute::concat_batches(&schema, batches)
        .map_err(|e| StoreError::Store(format!("cannot assemble the result: {e}")))?;
    for (field, col) in schema.fields().iter().zip(table.columns()) {
        let name = field.name().clone();
        let conv = |t: &DataType| {
            cast(col, t).map_err(|e| StoreError::Store(format!("column {name}: {e}")))
        };
        let dt = col.data_type();
        let column = if dt.is_integer() && col.null_count() == 0 {
            Column::ints(
                name.clone(),
                conv(&DataType::Int64)?
                    .as_primitive::<Int64Type>()
                    .values()
                    .to_vec(),
            )
        } else if dt.is_numeric() {
            let a = conv(&DataType::Float64)?;
            let a = a.as_primitive::<Float64Type>();
            Column::floats(
                name.clone(),
                (0..a.len())
                    .map(|i| a.is_valid(i).then(|| a.value(i)))
                    .collect(),
            )
        } else {
            let a = conv(&DataType::Utf8)?;
            let a = a.as_string::<i32>();
            Column::strs(
                name.clone(),
                (0..a.len())
                    .map(|i| {
                        if a.is_valid(i) {
                            a.value(i).to_string()
                        } else {
                            String::new()
                        }
                    })
                    .collect(),
            )
        };
        frame.push(column);
    }
    Ok(frame)
}
