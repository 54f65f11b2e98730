use serde::{Deserialize, Serialize};

/// The national annual-report format a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// 国办公开办函〔2019〕60号: report years up to 2020.
    F2019,
    /// 国办公开办函〔2021〕30号: report year 2021 and every year after.
    F2021,
}

impl Format {
    /// The format the law requires for a statistics year: 60号 for 2019-2020, 30号 from 2021.
    pub fn for_year(year: i32) -> Format {
        if year <= 2020 {
            Format::F2019
        } else {
            Format::F2021
        }
    }

    /// Stable code used in JSON and CSV (`"F2019"`, `"F2021"`).
    pub fn code(self) -> &'static str {
        match self {
            Format::F2019 => "F2019",
            Format::F2021 => "F2021",
        }
    }

    pub fn from_code(code: &str) -> Option<Format> {
        match code {
            "F2019" => Some(Format::F2019),
            "F2021" => Some(Format::F2021),
            _ => None,
        }
    }

    /// The document that set the format, for messages.
    pub fn basis(self) -> &'static str {
        match self {
            Format::F2019 => "国办公开办函〔2019〕60号",
            Format::F2021 => "国办公开办函〔2021〕30号",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
