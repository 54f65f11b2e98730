//! 信息处理费 under 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号, signed 2020-11-17), the measure that
//! 条例第四十二条 provides for: supplying information on request is free, and a fee may be charged only where the
//! number or frequency of an applicant's requests clearly exceeds a reasonable range. The fee regulates
//! behaviour; it does not recover costs (109号第二条). Figures from `legal-notes.md` b.
//!
//! - 第三条: two methods, 按件计收 and 按量计收, both 超额累进 (only the part above each threshold pays the
//!   higher rate); per application the agency picks **one** of them, never both — hence one [`FeeMethod`] per
//!   quote.
//! - The free ranges (≤ 10 applications a month, ≤ 30 pages) are the "reasonable range": within them nothing
//!   may be charged.
//! - Not encoded, because unverified [U]: 第五条's clause on information already disclosed proactively (pass
//!   only the pages the agency may charge for), page-size conversion, any hardship waiver (none found — do not
//!   carry pre-2019 waivers over), and 109号's own effective date (see [`FeeSchedule::in_force_from`]).

use crate::message::{Arg, Args, Coded};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Days the applicant has to pay, in working days counted from the day after receiving the 收费通知; if they
/// do not pay in time the application is treated as abandoned (三（六）2, see
/// [`super::status::Abandonment::FeeUnpaid`]). Source: FEE-SC (四川省财政厅、发改委, 2021-01-18), restating
/// 109号. Whether the payment period is excluded from the reply deadline is [U]; the clock decides that.
pub const FEE_PAYMENT_WORKING_DAYS: u32 = 20;

/// 109号第三条: how the fee is computed for one application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeMethod {
    /// 按件计收 (第四条): by the applicant's cumulative applications in one calendar month; any kind of decision.
    PerApplication,
    /// 按量计收 (第五条): by pages supplied (paper copies, e-mail, copied electronic data).
    PerPage,
}

impl FeeMethod {
    pub fn code(self) -> &'static str {
        match self {
            Self::PerApplication => "per_application",
            Self::PerPage => "per_page",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Self::PerApplication => "按件计收",
            Self::PerPage => "按量计收",
        }
    }
}

/// One band of 按量计收: pages up to and including `up_to` (after the previous band) at `yuan_per_page`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageBand {
    pub up_to: u32,
    pub yuan_per_page: u32,
}

/// The figures of 109号. [`FeeSchedule::standard`] holds the national ones; an agency may configure another
/// schedule only where a figure is unverified or a local rule applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeSchedule {
    /// 第四条: applications 1..=this in a month are free (10).
    pub free_applications: u32,
    /// 第四条: applications above the free range up to this one pay `first_band_yuan` each (30; 100 元).
    pub first_band_up_to: u32,
    pub first_band_yuan: u32,
    /// 第四条: above `first_band_up_to`, every `band_size` applications (10) the rate rises by `band_step_yuan`
    /// (100 元): 31–40 → 200, 41–50 → 300, … (the band arithmetic is our reading of the text [D]).
    pub band_size: u32,
    pub band_step_yuan: u32,
    /// 第五条: pages 1..=this are free (30).
    pub free_pages: u32,
    /// 第五条: 31–100 at 10 元, 101–200 at 20 元, 201 and up at 40 元 (the last band has `up_to: u32::MAX`).
    pub page_bands: Vec<PageBand>,
    /// [U] 109号 was signed 2020-11-17 and published 2020-12-01; we believe it applies from 2021-01-01 but
    /// could not verify it. Configurable; default 2021-01-01.
    pub in_force_from: NaiveDate,
}

impl Default for FeeSchedule {
    fn default() -> Self {
        Self::standard()
    }
}

/// What one application costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeQuote {
    pub method: FeeMethod,
    /// In 元.
    pub amount_yuan: Decimal,
    /// 0 = within the free range; 1 = the first charged band (按件 11–30; 按量 31–100); 2, 3, … the next ones.
    pub tier: u32,
    /// How the amount was reached.
    pub explanation: FeeExplanation,
}

/// How a fee was reached, as data (the words are in the locale files, `fee.explanation.*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeeExplanation {
    /// The `n`-th application of the month, within the `free` ones.
    FreeApplication {
        n: u32,
        free: u32,
    },
    /// The `n`-th application of the month, charged `rate` 元 in band `tier`.
    ApplicationBand {
        n: u32,
        tier: u32,
        rate: u128,
    },
    FreePages {
        pages: u32,
        free: u32,
    },
    /// Pages charged band by band: `parts` reads `70×10=700 + 100×20=2000`, `total` in 元.
    PageBands {
        pages: u32,
        parts: String,
        total: u128,
    },
}

impl Coded for FeeExplanation {
    fn code(&self) -> &'static str {
        match self {
            Self::FreeApplication { .. } => "fee.explanation.free_application",
            Self::ApplicationBand { .. } => "fee.explanation.application_band",
            Self::FreePages { .. } => "fee.explanation.free_pages",
            Self::PageBands { .. } => "fee.explanation.page_bands",
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::FreeApplication { n, free } => {
                vec![("n", Arg::number(*n)), ("free", Arg::number(*free))]
            }
            Self::ApplicationBand { n, tier, rate } => vec![
                ("n", Arg::number(*n)),
                ("tier", Arg::number(*tier)),
                ("rate", Arg::number(*rate)),
            ],
            Self::FreePages { pages, free } => {
                vec![("pages", Arg::number(*pages)), ("free", Arg::number(*free))]
            }
            Self::PageBands {
                pages,
                parts,
                total,
            } => vec![
                ("pages", Arg::number(*pages)),
                ("parts", Arg::text(parts)),
                ("total", Arg::number(*total)),
            ],
        }
    }
}

impl FeeQuote {
    /// A fee may be charged at all (条例第四十二条: only beyond the reasonable range).
    pub fn is_chargeable(&self) -> bool {
        self.tier > 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeeError {
    #[error("the month's cumulative count includes this application, so it is at least 1")]
    ZeroCount,
    #[error("the fee schedule is inconsistent: {0:?}")]
    BadSchedule(ScheduleFault),
    #[error("the amount is out of range")]
    Overflow,
}

/// Which part of a fee schedule is inconsistent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleFault {
    ApplicationBands,
    /// Page bands must rise.
    PageBands,
}

impl Coded for FeeError {
    fn code(&self) -> &'static str {
        FeeError::code(self)
    }

    fn args(&self) -> Args {
        match self {
            Self::BadSchedule(fault) => vec![(
                "part",
                Arg::Word(match fault {
                    ScheduleFault::ApplicationBands => "fee.schedule.application_bands",
                    ScheduleFault::PageBands => "fee.schedule.page_bands",
                }),
            )],
            Self::ZeroCount | Self::Overflow => Vec::new(),
        }
    }
}

impl FeeError {
    /// Stable code, also the message key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::ZeroCount => "fee.zero_count",
            Self::BadSchedule(_) => "fee.bad_schedule",
            Self::Overflow => "fee.overflow",
        }
    }
}

/// The quote under the national schedule: see [`FeeSchedule::quote`].
pub fn fee(method: FeeMethod, count_this_month: u32, pages: u32) -> Result<FeeQuote, FeeError> {
    FeeSchedule::standard().quote(method, count_this_month, pages)
}

fn yuan(n: u128) -> Result<Decimal, FeeError> {
    let n = i128::try_from(n).map_err(|_| FeeError::Overflow)?;
    Decimal::try_from_i128_with_scale(n, 0).map_err(|_| FeeError::Overflow)
}

impl FeeSchedule {
    /// The figures of 国办函〔2020〕109号第四条、第五条 [V2 FEE, xinhui table].
    pub fn standard() -> FeeSchedule {
        FeeSchedule {
            free_applications: 10,
            first_band_up_to: 30,
            first_band_yuan: 100,
            band_size: 10,
            band_step_yuan: 100,
            free_pages: 30,
            page_bands: vec![
                PageBand {
                    up_to: 100,
                    yuan_per_page: 10,
                },
                PageBand {
                    up_to: 200,
                    yuan_per_page: 20,
                },
                PageBand {
                    up_to: u32::MAX,
                    yuan_per_page: 40,
                },
            ],
            in_force_from: NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or(NaiveDate::MIN),
        }
    }

    /// May a fee notice be issued for an application received on `date` at all?
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        date >= self.in_force_from
    }

    fn check(&self) -> Result<(), FeeError> {
        if self.free_applications > self.first_band_up_to || self.band_size == 0 {
            return Err(FeeError::BadSchedule(ScheduleFault::ApplicationBands));
        }
        let mut lower = self.free_pages;
        for band in &self.page_bands {
            if band.up_to <= lower {
                return Err(FeeError::BadSchedule(ScheduleFault::PageBands));
            }
            lower = band.up_to;
        }
        Ok(())
    }

    /// What one application costs.
    ///
    /// - [`FeeMethod::PerApplication`]: `count_this_month` is this application's place in the applicant's
    ///   cumulative count for the calendar month, this one included (第四条: 同一申请人一个自然月内累计); the
    ///   quote is the rate of the band that place falls in. `pages` is ignored.
    /// - [`FeeMethod::PerPage`]: `pages` supplied for this application, charged 超额累进 band by band;
    ///   `count_this_month` is ignored.
    pub fn quote(
        &self,
        method: FeeMethod,
        count_this_month: u32,
        pages: u32,
    ) -> Result<FeeQuote, FeeError> {
        self.check()?;
        match method {
            FeeMethod::PerApplication => self.per_application(count_this_month),
            FeeMethod::PerPage => self.per_page(pages),
        }
    }

    /// The band of the `n`-th application of a month (0 = free) and its rate in 元.
    fn application_band(&self, n: u32) -> (u32, u128) {
        if n <= self.free_applications {
            (0, 0)
        } else if n <= self.first_band_up_to {
            (1, u128::from(self.first_band_yuan))
        } else {
            let k = (n - self.first_band_up_to - 1) / self.band_size + 1;
            let rate =
                u128::from(self.first_band_yuan) + u128::from(k) * u128::from(self.band_step_yuan);
            (k + 1, rate)
        }
    }

    fn per_application(&self, n: u32) -> Result<FeeQuote, FeeError> {
        if n == 0 {
            return Err(FeeError::ZeroCount);
        }
        let (tier, rate) = self.application_band(n);
        let explanation = if tier == 0 {
            FeeExplanation::FreeApplication {
                n,
                free: self.free_applications,
            }
        } else {
            FeeExplanation::ApplicationBand { n, tier, rate }
        };
        Ok(FeeQuote {
            method: FeeMethod::PerApplication,
            amount_yuan: yuan(rate)?,
            tier,
            explanation,
        })
    }

    /// The sum of the per-application fees for the first `n` applications of a month (what the applicant has
    /// paid in all if every one was charged 按件).
    pub fn month_total(&self, n: u32) -> Result<Decimal, FeeError> {
        self.check()?;
        let free = u128::from(self.free_applications);
        let first_up_to = u128::from(self.first_band_up_to);
        let (n, first, step, size) = (
            u128::from(n),
            u128::from(self.first_band_yuan),
            u128::from(self.band_step_yuan),
            u128::from(self.band_size),
        );
        let mut total = n.min(first_up_to).saturating_sub(free) * first;
        if n > first_up_to {
            // Closed form over the full bands k = 1..=full, each `size` applications at first + k·step.
            let above = n - first_up_to;
            let (full, rest) = (above / size, above % size);
            total += size * (full * first + step * full * (full + 1) / 2);
            total += rest * (first + (full + 1) * step);
        }
        yuan(total)
    }

    fn per_page(&self, pages: u32) -> Result<FeeQuote, FeeError> {
        let mut total: u128 = 0;
        let mut tier = 0;
        let mut lower = self.free_pages;
        let mut parts = Vec::new();
        for (i, band) in self.page_bands.iter().enumerate() {
            if pages <= lower {
                break;
            }
            let n = pages.min(band.up_to) - lower;
            let cost = u128::from(n) * u128::from(band.yuan_per_page);
            total += cost;
            tier = u32::try_from(i + 1).map_err(|_| FeeError::Overflow)?;
            parts.push(format!("{n}×{}={cost}", band.yuan_per_page));
            lower = band.up_to;
        }
        let explanation = if tier == 0 {
            FeeExplanation::FreePages {
                pages,
                free: self.free_pages,
            }
        } else {
            FeeExplanation::PageBands {
                pages,
                parts: parts.join(" + "),
                total,
            }
        };
        Ok(FeeQuote {
            method: FeeMethod::PerPage,
            amount_yuan: yuan(total)?,
            tier,
            explanation,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_count(n: u32) -> (Decimal, u32) {
        let q = fee(FeeMethod::PerApplication, n, 999).expect("valid");
        (q.amount_yuan, q.tier)
    }

    fn by_pages(p: u32) -> (Decimal, u32) {
        let q = fee(FeeMethod::PerPage, 999, p).expect("valid");
        (q.amount_yuan, q.tier)
    }

    #[test]
    fn per_application_tier_boundaries() {
        let d = Decimal::from;
        assert_eq!(by_count(1), (d(0), 0));
        assert_eq!(by_count(10), (d(0), 0));
        assert_eq!(by_count(11), (d(100), 1));
        assert_eq!(by_count(30), (d(100), 1));
        assert_eq!(by_count(31), (d(200), 2));
        assert_eq!(by_count(40), (d(200), 2));
        assert_eq!(by_count(41), (d(300), 3));
        assert_eq!(by_count(50), (d(300), 3));
        assert_eq!(by_count(51), (d(400), 4));
        assert!(by_count(u32::MAX).0 > d(0));
        assert_eq!(
            fee(FeeMethod::PerApplication, 0, 0).map_err(|e| e.code()),
            Err("fee.zero_count")
        );
    }

    #[test]
    fn month_total_matches_the_worked_example_and_the_marginal_rates() {
        let s = FeeSchedule::standard();
        // legal-notes b: 45 applications → 0 + 20×100 + 10×200 + 5×300 = 5,500 元.
        assert_eq!(s.month_total(45), Ok(Decimal::from(5500)));
        let mut running = Decimal::ZERO;
        for n in 1..=125 {
            running += by_count(n).0;
            assert_eq!(s.month_total(n), Ok(running), "n = {n}");
        }
        assert!(s.month_total(u32::MAX).is_ok());
    }

    #[test]
    fn per_page_tier_boundaries() {
        let d = Decimal::from;
        assert_eq!(by_pages(0), (d(0), 0));
        assert_eq!(by_pages(30), (d(0), 0));
        assert_eq!(by_pages(31), (d(10), 1));
        assert_eq!(by_pages(100), (d(700), 1));
        assert_eq!(by_pages(101), (d(720), 2));
        assert_eq!(by_pages(200), (d(2700), 2));
        assert_eq!(by_pages(201), (d(2740), 3));
        // legal-notes b: 250 pages → 700 + 2,000 + 2,000 = 4,700 元.
        assert_eq!(by_pages(250), (d(4700), 3));
        assert!(by_pages(u32::MAX).0 > d(0));
        let q = fee(FeeMethod::PerPage, 1, 250).expect("valid");
        assert!(
            q.is_chargeable()
                && matches!(&q.explanation, FeeExplanation::PageBands { parts, .. } if parts.contains("50×40=2000"))
        );
        assert!(
            !fee(FeeMethod::PerPage, 1, 30)
                .expect("valid")
                .is_chargeable()
        );
    }

    #[test]
    fn schedules_are_checked_and_the_start_date_is_configurable() {
        let mut s = FeeSchedule::standard();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert!(!s.in_force_on(day(2020, 12, 31)) && s.in_force_on(day(2021, 1, 1)));
        s.in_force_from = day(2020, 12, 1);
        assert!(s.in_force_on(day(2020, 12, 31)));
        s.page_bands[1].up_to = 50;
        assert_eq!(
            s.quote(FeeMethod::PerPage, 1, 60).map_err(|e| e.code()),
            Err("fee.bad_schedule")
        );
        let zero_band = FeeSchedule {
            band_size: 0,
            ..FeeSchedule::standard()
        };
        assert!(zero_band.month_total(40).is_err());
        assert_eq!(FEE_PAYMENT_WORKING_DAYS, 20);
    }
}
