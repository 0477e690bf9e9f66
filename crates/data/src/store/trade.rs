//! Bilateral trade after COW's last year, from the tables users download: CEPII
//! BACI and the IMF's Direction of Trade Statistics (DOTS). No bilateral table after
//! 2014 may be redistributed, so none is bundled.
//!
//! Both become directed flows — exporter, importer, year, current million US$ —
//! between states with COW codes, the unit and coding of the bundled COW trade:
//!
//! * **BACI** (<https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37>):
//!   yearly files `BACI_HS*_Y<year>_V<version>.csv` with columns `t, i, j, k, v, q`
//!   (year, exporter, importer, HS6 product, value in thousands of current US$,
//!   quantity in tonnes) and `country_codes_V<version>.csv` (`country_code,
//!   country_name, country_iso2, country_iso3`). Values are summed over products per
//!   exporter, importer and year. CEPII reconciles each flow from both partners'
//!   declarations (FOB), so a pair absent from a year traded nothing.
//! * **DOTS** (<https://data.imf.org>, Direction of Trade Statistics, annual, all
//!   countries): the CSV export in either of its layouts — "time series" (`Country
//!   Name, Country Code, Indicator Name, Indicator Code, Counterpart Country Name,
//!   Counterpart Country Code, Attribute`, then one column per year; rows with
//!   `Attribute` = `Value` are read) or "panel" (`Country Name, Country Code,
//!   Counterpart Country Name, Counterpart Country Code, Time Period`, then one
//!   column per indicator, named `… (TXG_FOB_USD)`). Codes are the IMF's numeric
//!   country codes. As COW does, imports of A from B are A's reported imports
//!   (`TMG_CIF_USD`, CIF) and, where A reports none, B's reported exports to A
//!   (`TXG_FOB_USD`, FOB). The export does not state its unit, so the caller names it
//!   ([`DotsUnit`]).
//!
//! Codes that name no COW state (the world, regions, territories such as Hong Kong)
//! are left out, as in COW's dyadic table, and reported with the value they carried.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use arrow::array::{Array, Float64Array, Int32Array};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::record_batch::RecordBatch;
use multipolar_countries::Registry;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::csvsrc::{Source, Table};
use crate::error::{DataError, Result};

/// Which imported table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TradeKind {
    /// CEPII BACI.
    Baci,
    /// IMF Direction of Trade Statistics.
    Dots,
}

impl TradeKind {
    /// Dataset name in the manifest.
    pub fn dataset(self) -> &'static str {
        match self {
            TradeKind::Baci => "trade-baci",
            TradeKind::Dots => "trade-dots",
        }
    }

    /// Parquet file name (distinct per kind, so `multipolar sql` sees two tables).
    pub fn file(self) -> &'static str {
        match self {
            TradeKind::Baci => "trade_baci.parquet",
            TradeKind::Dots => "trade_dots.parquet",
        }
    }
}

/// Goods one state exported to another in a year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flow {
    /// Year.
    pub year: i32,
    /// Exporter, COW code.
    pub exporter: u16,
    /// Importer, COW code.
    pub importer: u16,
    /// Current million US$.
    pub value: f64,
}

/// Imported flows, sorted by year, exporter and importer; one per key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TradeFlows {
    /// The flows.
    pub flows: Vec<Flow>,
    /// Codes that name no COW state, by code and name: rows and value (million US$)
    /// left out.
    pub unmapped: BTreeMap<String, (u64, f64)>,
}

impl TradeFlows {
    /// First and last year.
    pub fn years(&self) -> Option<(i32, i32)> {
        Some((self.flows.first()?.year, self.flows.last()?.year))
    }

    fn from_map(m: HashMap<(i32, u16, u16), f64>, unmapped: BTreeMap<String, (u64, f64)>) -> Self {
        let mut flows: Vec<Flow> = m
            .into_iter()
            .map(|((year, exporter, importer), value)| Flow {
                year,
                exporter,
                importer,
                value,
            })
            .collect();
        flows.sort_by_key(|f| (f.year, f.exporter, f.importer));
        TradeFlows { flows, unmapped }
    }

    fn leave_out(&mut self, what: String, value: f64) {
        let e = self.unmapped.entry(what).or_default();
        e.0 += 1;
        e.1 += value;
    }
}

/// The unit of a DOTS export's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DotsUnit {
    /// US dollars.
    Dollars,
    /// Millions of US dollars.
    Millions,
}

/// The COW code of a state by ISO3 code as of `year`.
fn cow_of_iso3(iso3: &str, year: i32) -> Option<u16> {
    let reg = Registry::global();
    reg.get(reg.by_iso3(iso3, Some(year))?).cow()
}

fn amount(t: &Table, i: usize) -> Result<f64> {
    let v = t.get(i).trim();
    match v.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        Ok(_) => Err(t.field_error(i, format!("negative value \"{v}\""))),
        Err(_) => Err(t.field_error(i, format!("expected a number, found \"{v}\""))),
    }
}

/// A BACI country code: its ISO3 code and name.
pub type BaciCodes = HashMap<u32, (String, String)>;

/// Reads BACI's `country_codes_V*.csv` (`country_code, country_name, country_iso3`).
pub fn read_baci_codes(src: Source) -> Result<BaciCodes> {
    let mut t = Table::new(src, &["country_code", "country_name", "country_iso3"])?;
    let mut out = HashMap::new();
    while t.next_row()? {
        let code: u32 = t.int(0)?;
        let entry = (t.get(2).trim().to_string(), t.get(1).trim().to_string());
        if out.insert(code, entry).is_some() {
            return Err(t.field_error(0, format!("duplicate country code {code}")));
        }
    }
    Ok(out)
}

/// BACI's code for "Other Asia, nes", which CEPII documents as Taiwan (ISO3 `S19`).
const BACI_TAIWAN: &str = "S19";

/// Reads BACI yearly files with their country codes and sums them per exporter,
/// importer and year. Every row is validated (a year, codes listed in the codes
/// file, a product code of digits, a non-negative value); a year found in two files
/// is an error, since summing it would count it twice.
pub fn read_baci(codes: &BaciCodes, files: Vec<Source>) -> Result<TradeFlows> {
    let mut sums: HashMap<(i32, u32, u32), f64> = HashMap::new();
    let mut year_file: HashMap<i32, String> = HashMap::new();
    for src in files {
        let name = src.name.clone();
        let mut t = Table::new(src, &["t", "i", "j", "k", "v"])?;
        let mut last_year = None;
        while t.next_row()? {
            let year: i32 = t.int(0)?;
            if last_year != Some(year) {
                match year_file.get(&year) {
                    Some(f) if *f != name => {
                        return Err(t.field_error(0, format!("year {year} is also in {f}")));
                    }
                    _ => {
                        year_file.insert(year, name.clone());
                    }
                }
                last_year = Some(year);
            }
            let (i, j): (u32, u32) = (t.int(1)?, t.int(2)?);
            for (f, c) in [(1, i), (2, j)] {
                if !codes.contains_key(&c) {
                    return Err(t.field_error(
                        f,
                        format!("country code {c} is not in the country codes file"),
                    ));
                }
            }
            let k = t.get(3).trim();
            if k.is_empty() || k.len() > 6 || !k.bytes().all(|b| b.is_ascii_digit()) {
                return Err(
                    t.field_error(3, format!("expected an HS6 product code, found \"{k}\""))
                );
            }
            *sums.entry((year, i, j)).or_default() += amount(&t, 4)?;
        }
    }
    let mut out = TradeFlows::default();
    let mut m: HashMap<(i32, u16, u16), f64> = HashMap::new();
    let cow = |code: u32, year: i32| {
        let (iso3, _) = &codes[&code];
        if iso3 == BACI_TAIWAN {
            Some(713)
        } else {
            cow_of_iso3(iso3, year)
        }
    };
    for ((year, i, j), thousands) in sums {
        let value = thousands / 1000.0;
        match (cow(i, year), cow(j, year)) {
            (Some(a), Some(b)) if a != b => *m.entry((year, a, b)).or_default() += value,
            (a, b) => {
                for (c, got) in [(i, a), (j, b)] {
                    if got.is_none() {
                        let (iso3, name) = &codes[&c];
                        out.leave_out(format!("{c} {iso3} {name}"), value);
                    }
                }
            }
        }
    }
    Ok(TradeFlows::from_map(m, out.unmapped))
}

/// IMF numeric country codes and the ISO3 code of the state (the IMF's code list as
/// carried by the `countrycode` package's `imf` column).
const IMF_ISO3: &[(u16, &str)] = &[
    (111, "USA"),
    (112, "GBR"),
    (122, "AUT"),
    (124, "BEL"),
    (128, "DNK"),
    (132, "FRA"),
    (134, "DEU"),
    (135, "SMR"),
    (136, "ITA"),
    (137, "LUX"),
    (138, "NLD"),
    (142, "NOR"),
    (144, "SWE"),
    (146, "CHE"),
    (156, "CAN"),
    (158, "JPN"),
    (172, "FIN"),
    (174, "GRC"),
    (176, "ISL"),
    (178, "IRL"),
    (181, "MLT"),
    (182, "PRT"),
    (184, "ESP"),
    (186, "TUR"),
    (193, "AUS"),
    (196, "NZL"),
    (199, "ZAF"),
    (213, "ARG"),
    (218, "BOL"),
    (223, "BRA"),
    (228, "CHL"),
    (233, "COL"),
    (238, "CRI"),
    (243, "DOM"),
    (248, "ECU"),
    (253, "SLV"),
    (258, "GTM"),
    (263, "HTI"),
    (268, "HND"),
    (273, "MEX"),
    (278, "NIC"),
    (283, "PAN"),
    (288, "PRY"),
    (293, "PER"),
    (298, "URY"),
    (299, "VEN"),
    (311, "ATG"),
    (312, "AIA"),
    (313, "BHS"),
    (314, "ABW"),
    (316, "BRB"),
    (319, "BMU"),
    (321, "DMA"),
    (323, "FLK"),
    (326, "GRL"),
    (328, "GRD"),
    (329, "GLP"),
    (333, "GUF"),
    (336, "GUY"),
    (339, "BLZ"),
    (343, "JAM"),
    (349, "MTQ"),
    (351, "MSR"),
    (352, "MAF"),
    (354, "CUW"),
    (361, "KNA"),
    (362, "LCA"),
    (363, "SPM"),
    (364, "VCT"),
    (366, "SUR"),
    (369, "TTO"),
    (377, "CYM"),
    (419, "BHR"),
    (423, "CYP"),
    (429, "IRN"),
    (433, "IRQ"),
    (436, "ISR"),
    (439, "JOR"),
    (443, "KWT"),
    (446, "LBN"),
    (449, "OMN"),
    (453, "QAT"),
    (456, "SAU"),
    (463, "SYR"),
    (466, "ARE"),
    (469, "EGY"),
    (474, "YEM"),
    (487, "PSE"),
    (512, "AFG"),
    (513, "BGD"),
    (514, "BTN"),
    (516, "BRN"),
    (518, "MMR"),
    (522, "KHM"),
    (524, "LKA"),
    (528, "TWN"),
    (532, "HKG"),
    (534, "IND"),
    (536, "IDN"),
    (537, "TLS"),
    (542, "KOR"),
    (544, "LAO"),
    (546, "MAC"),
    (548, "MYS"),
    (556, "MDV"),
    (558, "NPL"),
    (564, "PAK"),
    (565, "PLW"),
    (566, "PHL"),
    (576, "SGP"),
    (578, "THA"),
    (582, "VNM"),
    (611, "DJI"),
    (612, "DZA"),
    (614, "AGO"),
    (616, "BWA"),
    (618, "BDI"),
    (622, "CMR"),
    (624, "CPV"),
    (626, "CAF"),
    (628, "TCD"),
    (632, "COM"),
    (634, "COG"),
    (636, "COD"),
    (638, "BEN"),
    (642, "GNQ"),
    (643, "ERI"),
    (644, "ETH"),
    (646, "GAB"),
    (648, "GMB"),
    (652, "GHA"),
    (654, "GNB"),
    (656, "GIN"),
    (662, "CIV"),
    (664, "KEN"),
    (666, "LSO"),
    (668, "LBR"),
    (672, "LBY"),
    (674, "MDG"),
    (676, "MWI"),
    (678, "MLI"),
    (682, "MRT"),
    (684, "MUS"),
    (686, "MAR"),
    (688, "MOZ"),
    (692, "NER"),
    (694, "NGA"),
    (696, "REU"),
    (698, "ZWE"),
    (714, "RWA"),
    (716, "STP"),
    (718, "SYC"),
    (722, "SEN"),
    (724, "SLE"),
    (726, "SOM"),
    (728, "NAM"),
    (732, "SDN"),
    (733, "SSD"),
    (734, "SWZ"),
    (738, "TZA"),
    (742, "TGO"),
    (744, "TUN"),
    (746, "UGA"),
    (748, "BFA"),
    (754, "ZMB"),
    (813, "SLB"),
    (815, "COK"),
    (816, "FRO"),
    (819, "FJI"),
    (823, "GIB"),
    (826, "KIR"),
    (829, "GUM"),
    (836, "NRU"),
    (839, "NCL"),
    (846, "VUT"),
    (853, "PNG"),
    (856, "SHN"),
    (859, "ASM"),
    (862, "WSM"),
    (866, "TON"),
    (867, "MHL"),
    (868, "FSM"),
    (887, "PYF"),
    (911, "ARM"),
    (912, "AZE"),
    (913, "BLR"),
    (914, "ALB"),
    (915, "GEO"),
    (916, "KAZ"),
    (917, "KGZ"),
    (918, "BGR"),
    (921, "MDA"),
    (922, "RUS"),
    (923, "TJK"),
    (924, "CHN"),
    (925, "TKM"),
    (926, "UKR"),
    (927, "UZB"),
    (928, "CUB"),
    (935, "CZE"),
    (936, "SVK"),
    (939, "EST"),
    (941, "LVA"),
    (942, "SRB"),
    (943, "MNE"),
    (944, "HUN"),
    (946, "LTU"),
    (948, "MNG"),
    (960, "HRV"),
    (961, "SVN"),
    (962, "MKD"),
    (963, "BIH"),
    (964, "POL"),
    (968, "ROU"),
];

/// IMF codes of states that no longer exist, with their COW code.
const IMF_COW: &[(u16, u16)] = &[(188, 345), (934, 315), (967, 347)];

fn cow_of_imf(code: u16, year: i32) -> Option<u16> {
    if let Some(&(_, c)) = IMF_COW.iter().find(|(i, _)| *i == code) {
        return Some(c);
    }
    let &(_, iso3) = IMF_ISO3.iter().find(|(i, _)| *i == code)?;
    cow_of_iso3(iso3, year)
}

/// The DOTS indicators read: imports CIF and exports FOB, in US dollars.
const IMPORTS: &str = "TMG_CIF_USD";
const EXPORTS: &str = "TXG_FOB_USD";

/// One reported value: reporter, indicator, counterpart, year.
type Report = (u16, &'static str, u16, i32);

/// A CSV file read record by record with the header at hand (the DOTS layouts
/// carry their years or indicators as column names).
struct Raw {
    name: String,
    rdr: csv::Reader<Box<dyn Read>>,
    header: Vec<String>,
    rec: csv::StringRecord,
}

impl Raw {
    fn open(path: &Path) -> Result<Raw> {
        let f = File::open(path).map_err(|e| DataError::io(path, e))?;
        let mut r = std::io::BufReader::new(f);
        let gz =
            matches!(std::io::BufRead::fill_buf(&mut r), Ok(b) if b.starts_with(&[0x1f, 0x8b]));
        let inner: Box<dyn Read> = if gz {
            Box::new(flate2::bufread::MultiGzDecoder::new(r))
        } else {
            Box::new(r)
        };
        let name = path.display().to_string();
        let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(inner);
        let header = rdr
            .headers()
            .map_err(|e| Self::error(&name, e))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        Ok(Raw {
            name,
            rdr,
            header,
            rec: csv::StringRecord::new(),
        })
    }

    fn error(name: &str, e: csv::Error) -> DataError {
        let line = e.position().map(|p| p.line());
        let msg = match e.into_kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => {
                format!("expected {expected_len} fields, found {len}")
            }
            csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 ({err})"),
            csv::ErrorKind::Io(io) => format!("cannot read ({io})"),
            other => format!("{other:?}"),
        };
        match line {
            Some(line) => DataError::Row {
                path: name.into(),
                line,
                msg,
            },
            None => DataError::File {
                path: name.into(),
                msg,
            },
        }
    }

    fn col(&self, name: &str) -> Result<usize> {
        self.header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| DataError::MissingColumn {
                path: self.name.clone(),
                column: name.into(),
                found: self.header.join(", "),
            })
    }

    fn next(&mut self) -> Result<bool> {
        let name = &self.name;
        self.rdr
            .read_record(&mut self.rec)
            .map_err(|e| Self::error(name, e))
    }

    fn line(&self) -> u64 {
        self.rec.position().map_or(0, |p| p.line())
    }

    fn get(&self, i: usize) -> &str {
        self.rec[i].trim()
    }

    fn field_error(&self, i: usize, msg: impl Into<String>) -> DataError {
        DataError::Field {
            path: self.name.clone(),
            line: self.line(),
            field: self.header[i].clone(),
            msg: msg.into(),
        }
    }

    fn code(&self, i: usize) -> Result<u16> {
        let v = self.get(i);
        v.parse().map_err(|_| {
            self.field_error(i, format!("expected an IMF country code, found \"{v}\""))
        })
    }

    /// A value in US dollars or millions; empty is missing.
    fn value(&self, i: usize, unit: DotsUnit) -> Result<Option<f64>> {
        let v = self.get(i);
        if v.is_empty() {
            return Ok(None);
        }
        let x: f64 = v
            .parse()
            .ok()
            .filter(|x: &f64| x.is_finite())
            .ok_or_else(|| self.field_error(i, format!("expected a number, found \"{v}\"")))?;
        if x < 0.0 {
            return Err(self.field_error(i, format!("negative value \"{v}\"")));
        }
        Ok(Some(match unit {
            DotsUnit::Dollars => x / 1e6,
            DotsUnit::Millions => x,
        }))
    }
}

/// "2019" → 2019; a monthly or quarterly period is an error pointing to the annual
/// export.
fn annual(v: &str) -> std::result::Result<i32, String> {
    if v.len() == 4
        && let Ok(y) = v.parse()
    {
        return Ok(y);
    }
    Err(format!(
        "\"{v}\" is not a year: export the annual (frequency A) series, not monthly or quarterly"
    ))
}

/// Reads a DOTS CSV export (either layout, see the module docs), values in `unit`.
pub fn read_dots(path: &Path, unit: DotsUnit) -> Result<TradeFlows> {
    let mut r = Raw::open(path)?;
    let reporter = r.col("Country Code")?;
    let partner = r.col("Counterpart Country Code")?;
    let mut reports: HashMap<Report, f64> = HashMap::new();
    let mut put = |r: &Raw, key: Report, v: f64, field: usize| -> Result<()> {
        if reports.insert(key, v).is_some() {
            return Err(r.field_error(
                field,
                format!(
                    "{} of {} with {} in {} appears twice",
                    key.1, key.0, key.2, key.3
                ),
            ));
        }
        Ok(())
    };
    if r.header.iter().any(|h| h == "Time Period") {
        // Panel: one row per reporter, counterpart and period; indicators as columns.
        let period = r.col("Time Period")?;
        let ind = |code: &str| {
            r.header
                .iter()
                .position(|h| h.ends_with(&format!("({code})")))
        };
        let cols: Vec<(usize, &'static str)> = [IMPORTS, EXPORTS]
            .into_iter()
            .filter_map(|c| Some((ind(c)?, c)))
            .collect();
        if cols.is_empty() {
            return Err(DataError::MissingColumn {
                path: r.name.clone(),
                column: format!("… ({IMPORTS}) or … ({EXPORTS})"),
                found: r.header.join(", "),
            });
        }
        while r.next()? {
            let year = annual(r.get(period)).map_err(|m| r.field_error(period, m))?;
            let (a, b) = (r.code(reporter)?, r.code(partner)?);
            for &(i, code) in &cols {
                if let Some(v) = r.value(i, unit)? {
                    put(&r, (a, code, b, year), v, i)?;
                }
            }
        }
    } else {
        // Time series: one row per reporter, indicator, counterpart and attribute.
        let indicator = r.col("Indicator Code")?;
        let attribute = r.col("Attribute")?;
        let mut years = Vec::new();
        for (i, h) in r.header.iter().enumerate().skip(attribute + 1) {
            if h.is_empty() {
                continue;
            }
            match annual(h) {
                Ok(y) => years.push((i, y)),
                Err(m) => {
                    return Err(DataError::File {
                        path: r.name.clone(),
                        msg: format!("column {m}"),
                    });
                }
            }
        }
        while r.next()? {
            if r.get(attribute) != "Value" {
                continue;
            }
            let code = match r.get(indicator) {
                IMPORTS => IMPORTS,
                EXPORTS => EXPORTS,
                _ => continue,
            };
            let (a, b) = (r.code(reporter)?, r.code(partner)?);
            for &(i, y) in &years {
                if let Some(v) = r.value(i, unit)? {
                    put(&r, (a, code, b, y), v, i)?;
                }
            }
        }
    }
    let mut out = TradeFlows::default();
    let mut m: HashMap<(i32, u16, u16), f64> = HashMap::new();
    // Imports as the importer reports them, then the exporter's reports for pairs
    // the importer does not report.
    for pass in [IMPORTS, EXPORTS] {
        for (&(rep, code, cp, year), &v) in reports.iter().filter(|(k, _)| k.1 == pass) {
            let (exp, imp) = if code == IMPORTS {
                (cp, rep)
            } else {
                (rep, cp)
            };
            match (cow_of_imf(exp, year), cow_of_imf(imp, year)) {
                (Some(e), Some(i)) if e != i => {
                    m.entry((year, e, i)).or_insert(v);
                }
                (e, i) => {
                    for (c, got) in [(exp, e), (imp, i)] {
                        if got.is_none() {
                            out.leave_out(format!("IMF {c}"), v);
                        }
                    }
                }
            }
        }
    }
    Ok(TradeFlows::from_map(m, out.unmapped))
}

fn perr(path: &Path, e: impl std::fmt::Display) -> DataError {
    DataError::Parquet {
        path: path.to_path_buf(),
        msg: e.to_string(),
    }
}

/// Writes flows as Parquet (`year, exporter, importer, value`: COW codes, current
/// million US$).
pub fn write_parquet(flows: &TradeFlows, path: &Path) -> Result<()> {
    let f = &flows.flows;
    let schema = Arc::new(Schema::new(vec![
        Field::new("year", DataType::Int32, false),
        Field::new("exporter", DataType::Int32, false),
        Field::new("importer", DataType::Int32, false),
        Field::new("value", DataType::Float64, false),
    ]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(Int32Array::from_iter_values(f.iter().map(|x| x.year))),
            Arc::new(Int32Array::from_iter_values(
                f.iter().map(|x| i32::from(x.exporter)),
            )),
            Arc::new(Int32Array::from_iter_values(
                f.iter().map(|x| i32::from(x.importer)),
            )),
            Arc::new(Float64Array::from_iter_values(f.iter().map(|x| x.value))),
        ],
    )
    .map_err(|e| perr(path, e))?;
    let file = File::create(path).map_err(|e| DataError::io(path, e))?;
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .build();
    let mut w = ArrowWriter::try_new(file, schema, Some(props)).map_err(|e| perr(path, e))?;
    w.write(&batch).map_err(|e| perr(path, e))?;
    let file = w.into_inner().map_err(|e| perr(path, e))?;
    file.sync_all().map_err(|e| DataError::io(path, e))
}

/// Reads flows written by [`write_parquet`], validating every row (known COW codes,
/// two different states, a non-negative value, one row per key, in order).
pub fn read_parquet(path: &Path) -> Result<TradeFlows> {
    let f = File::open(path).map_err(|e| DataError::io(path, e))?;
    let r = ParquetRecordBatchReaderBuilder::try_new(f)
        .map_err(|e| perr(path, e))?
        .build()
        .map_err(|e| perr(path, e))?;
    let reg = Registry::global();
    let mut flows: Vec<Flow> = Vec::new();
    let mut row = 0u64;
    for b in r {
        let b = b.map_err(|e| perr(path, e))?;
        let col = |name: &str| {
            b.column_by_name(name)
                .ok_or_else(|| perr(path, format!("column \"{name}\" is missing")))
        };
        let ints = |name: &str| -> Result<Int32Array> {
            col(name)?
                .as_any()
                .downcast_ref::<Int32Array>()
                .cloned()
                .ok_or_else(|| perr(path, format!("column \"{name}\" has the wrong type")))
        };
        let (year, exp, imp) = (ints("year")?, ints("exporter")?, ints("importer")?);
        let value = col("value")?
            .as_any()
            .downcast_ref::<Float64Array>()
            .cloned()
            .ok_or_else(|| perr(path, "column \"value\" has the wrong type"))?;
        for i in 0..b.num_rows() {
            row += 1;
            let bad = |field: &str, msg: String| DataError::Field {
                path: path.display().to_string(),
                line: row,
                field: field.into(),
                msg,
            };
            let code = |a: &Int32Array, field: &str| {
                u16::try_from(a.value(i))
                    .ok()
                    .filter(|&c| reg.by_cow(c).is_some())
                    .ok_or_else(|| bad(field, format!("unknown COW code {}", a.value(i))))
            };
            let fl = Flow {
                year: year.value(i),
                exporter: code(&exp, "exporter")?,
                importer: code(&imp, "importer")?,
                value: value.value(i),
            };
            if !(fl.value.is_finite() && fl.value >= 0.0) || value.is_null(i) {
                return Err(bad("value", format!("invalid value {}", fl.value)));
            }
            if fl.exporter == fl.importer {
                return Err(bad(
                    "importer",
                    "exporter and importer are the same state".into(),
                ));
            }
            if let Some(p) = flows.last()
                && (p.year, p.exporter, p.importer) >= (fl.year, fl.exporter, fl.importer)
            {
                return Err(bad("year", "rows out of order or repeated".into()));
            }
            flows.push(fl);
        }
    }
    Ok(TradeFlows {
        flows,
        unmapped: BTreeMap::new(),
    })
}
