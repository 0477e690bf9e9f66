//! The `events` table's Arrow schema and a builder from [`Event`]s.

use std::sync::{Arc, OnceLock};

use arrow::array::{
    ArrayRef, Date32Builder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::record_batch::RecordBatch;
use multipolar_countries::Registry;
use multipolar_events::{Actor, Event};

/// The schema of every events Parquet file. Countries are registry labels (`USA`,
/// `RUS`, `GFR`), null when the actor is not a state.
pub fn schema() -> SchemaRef {
    static S: OnceLock<SchemaRef> = OnceLock::new();
    S.get_or_init(|| {
        let s = |n: &str, null: bool| Field::new(n, DataType::Utf8, null);
        let i = |n: &str, null: bool| Field::new(n, DataType::Int32, null);
        Arc::new(Schema::new(vec![
            s("origin", false),
            s("id", false),
            Field::new("date", DataType::Date32, false),
            s("source_country", true),
            s("source_code", false),
            s("source_sector", false),
            s("target_country", true),
            s("target_code", false),
            s("target_sector", false),
            s("cameo", false),
            i("root", false),
            i("quad", false),
            Field::new("goldstein", DataType::Float64, false),
            s("plover_event", true),
            s("plover_mode", true),
            s("channel", false),
            Field::new("mentions", DataType::Int64, true),
            Field::new("sources", DataType::Int64, true),
            s("url", true),
        ]))
    })
    .clone()
}

/// Column builders for one batch of events.
pub(crate) struct Batch {
    origin: StringBuilder,
    id: StringBuilder,
    date: Date32Builder,
    actors: [[StringBuilder; 3]; 2],
    cameo: StringBuilder,
    root: Int32Builder,
    quad: Int32Builder,
    goldstein: Float64Builder,
    plover_event: StringBuilder,
    plover_mode: StringBuilder,
    channel: StringBuilder,
    mentions: Int64Builder,
    sources: Int64Builder,
    url: StringBuilder,
    len: usize,
}

impl Batch {
    pub(crate) fn new() -> Batch {
        let sb = StringBuilder::new;
        Batch {
            origin: sb(),
            id: sb(),
            date: Date32Builder::new(),
            actors: [[sb(), sb(), sb()], [sb(), sb(), sb()]],
            cameo: sb(),
            root: Int32Builder::new(),
            quad: Int32Builder::new(),
            goldstein: Float64Builder::new(),
            plover_event: sb(),
            plover_mode: sb(),
            channel: sb(),
            mentions: Int64Builder::new(),
            sources: Int64Builder::new(),
            url: sb(),
            len: 0,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn push(&mut self, e: &Event) {
        self.origin.append_value(e.origin.as_str());
        self.id.append_value(&e.id);
        self.date.append_value(e.date.day_number() as i32);
        for (b, a) in self.actors.iter_mut().zip([&e.source, &e.target]) {
            push_actor(b, a);
        }
        self.cameo.append_value(&e.cameo);
        self.root.append_value(i32::from(e.root));
        self.quad.append_value(i32::from(e.quad));
        self.goldstein.append_value(e.goldstein);
        self.plover_event.append_option(e.plover_event);
        self.plover_mode.append_option(e.plover_mode.as_deref());
        self.channel.append_value(e.channel.as_str());
        self.mentions.append_option(e.mentions.map(i64::from));
        self.sources.append_option(e.sources.map(i64::from));
        self.url.append_option(e.url.as_deref());
        self.len += 1;
    }

    /// The batch so far; the builders start again empty.
    pub(crate) fn finish(&mut self) -> RecordBatch {
        let [[sc, sk, ss], [tc, tk, ts]] = &mut self.actors;
        let cols: Vec<ArrayRef> = vec![
            Arc::new(self.origin.finish()),
            Arc::new(self.id.finish()),
            Arc::new(self.date.finish()),
            Arc::new(sc.finish()),
            Arc::new(sk.finish()),
            Arc::new(ss.finish()),
            Arc::new(tc.finish()),
            Arc::new(tk.finish()),
            Arc::new(ts.finish()),
            Arc::new(self.cameo.finish()),
            Arc::new(self.root.finish()),
            Arc::new(self.quad.finish()),
            Arc::new(self.goldstein.finish()),
            Arc::new(self.plover_event.finish()),
            Arc::new(self.plover_mode.finish()),
            Arc::new(self.channel.finish()),
            Arc::new(self.mentions.finish()),
            Arc::new(self.sources.finish()),
            Arc::new(self.url.finish()),
        ];
        self.len = 0;
        RecordBatch::try_new(schema(), cols).expect("columns match the schema")
    }
}

fn push_actor(b: &mut [StringBuilder; 3], a: &Actor) {
    b[0].append_option(a.country.map(|c| Registry::global().get(c).label()));
    b[1].append_value(&a.code);
    b[2].append_value(&a.sector);
}
