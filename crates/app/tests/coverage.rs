//! Every code has its words: each variant of each coded enum of the lower layers, every catalogue category,
//! role, applicant kind, identity document, application outcome and status the UI shows has a non-empty
//! message in both locale files, with every placeholder filled. (The two files' key sets are compared in
//! `gongkai_app::messages`'s own tests; the web's error codes in the web's `catalogue` test.)

use chrono::NaiveDate;
use gongkai_app::messages::{Arg, Coded, Lang, Messages};
use gongkai_domain::account::Role;
use gongkai_domain::application::applicant_files::ApplicantFileError;
use gongkai_domain::application::clock::{
    ClockError, ClockLine, ClockStatus, ClockWarning, ReplyRule,
};
use gongkai_domain::application::fees::{FeeError, FeeExplanation, ScheduleFault};
use gongkai_domain::application::handling::HandlingError;
use gongkai_domain::application::intake::{
    Channel, IdError, IdProofError, IdType, IntakeError, TrackingNoError,
};
use gongkai_domain::application::outcome::{ApplicantKind, Outcome};
use gongkai_domain::application::stats::StatsError;
use gongkai_domain::application::status::{Status, StepError};
use gongkai_domain::audit::ChainBreak;
use gongkai_domain::calendar::{CalendarError, CalendarLine, ParseProblem};
use gongkai_domain::catalog::{
    AttachmentError, Category, DocNoError, IndexNoError, ItemState, SubjectError, TransitionError,
};
use gongkai_domain::credit_code::CreditCodeError;
use gongkai_domain::report::compile_t2::FiguresError;
use gongkai_report::{FileKind, LetterProblem, NotAReport, ReportError, Unreadable};
use gongkai_search::{ItemProblem, SearchError};
use gongkai_store::{StoreError, UrlProblem};

fn d() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 5, 15).unwrap_or_default()
}

fn io() -> std::io::Error {
    std::io::Error::other("x")
}

/// One value of every variant (nested codes are reached through the arguments).
fn every_code() -> Vec<Box<dyn Coded>> {
    let s = || "x".to_owned();
    let mut all: Vec<Box<dyn Coded>> = Vec::new();
    for v in [
        ClockLine::Received {
            on: d(),
            rule: ReplyRule::Regulations2008,
        },
        ClockLine::Received {
            on: d(),
            rule: ReplyRule::Regulations2019,
        },
        ClockLine::CorrectionRequested {
            on: d(),
            working_day: 3,
        },
        ClockLine::CorrectionReceived { on: d() },
        ClockLine::CorrectionDeadlinePassed { on: d() },
        ClockLine::ExtensionApproved {
            on: d(),
            working_days: 5,
        },
        ClockLine::ConsultationExcluded {
            since: d(),
            on: d(),
            working_days: 2,
        },
        ClockLine::CustomDeadline {
            due: d(),
            reason: s(),
        },
        ClockLine::FeeNoticeIssued { on: d() },
        ClockLine::FeePaid {
            on: d(),
            since: d(),
            working_days: 1,
        },
        ClockLine::FeeDeadlinePassed { on: d() },
        ClockLine::Withdrawn { on: d() },
        ClockLine::Decided { on: d() },
        ClockLine::PausedForConsultation {
            since: d(),
            left: 3,
        },
        ClockLine::PausedForPayment {
            since: d(),
            left: -1,
        },
        ClockLine::Counted(CalendarLine::Start { start: d() }),
        ClockLine::Counted(CalendarLine::HolidaySkipped {
            name: s(),
            from: d(),
            to: d(),
            days: 1,
        }),
        ClockLine::Counted(CalendarLine::WeekendsSkipped { days: 2 }),
        ClockLine::Counted(CalendarLine::MakeUpWorkday { on: d() }),
        ClockLine::Counted(CalendarLine::ProvisionalYear { year: 2027 }),
        ClockLine::Counted(CalendarLine::Due {
            working_days: 20,
            due: d(),
        }),
    ] {
        all.push(Box::new(v));
    }
    all.extend(ClockStatus::ALL.map(|s| Box::new(s) as Box<dyn Coded>));
    for w in [
        ClockWarning::LateCorrectionNotice {
            requested_on: d(),
            working_days: 9,
        },
        ClockWarning::LongConsultation {
            started: d(),
            ended: d(),
            working_days: 16,
        },
        ClockWarning::ExtensionAfterDeadline {
            approved_on: d(),
            due: d(),
        },
        ClockWarning::CustomDeadlineEarlier {
            custom: d(),
            statutory: d(),
        },
        ClockWarning::DecidedAfterDeadline {
            decided_on: d(),
            due: d(),
        },
    ] {
        all.push(Box::new(w));
    }
    let calendar = [
        CalendarError::Parse {
            line: 1,
            problem: ParseProblem::BadDate(s()),
        },
        CalendarError::Parse {
            line: 1,
            problem: ParseProblem::RestWithoutName,
        },
        CalendarError::Parse {
            line: 1,
            problem: ParseProblem::BadKind(s()),
        },
        CalendarError::Parse {
            line: 1,
            problem: ParseProblem::Duplicate(d()),
        },
        CalendarError::NoData { year: 2030 },
    ];
    for e in calendar.clone() {
        all.push(Box::new(ClockError::Calendar(e)));
    }
    for e in [
        ClockError::NoEvents,
        ClockError::FirstNotReceived {
            index: 0,
            event: "decided",
        },
        ClockError::OutOfOrder {
            index: 1,
            event: "decided",
            on: d(),
            previous: d(),
        },
        ClockError::Unexpected {
            index: 1,
            event: "decided",
            status: ClockStatus::Decided,
        },
        ClockError::InvalidExtension {
            index: 1,
            working_days: 30,
            max: 20,
        },
        ClockError::SecondExtension { index: 1 },
        ClockError::MissingReason { index: 1 },
        ClockError::CustomDeadlineNotAfterStart {
            index: 1,
            due: d(),
            start: d(),
        },
    ] {
        all.push(Box::new(HandlingError::Clock(e)));
    }
    for e in [
        HandlingError::FutureDate {
            on: d(),
            today: d(),
        },
        HandlingError::BeforeLastEvent { on: d(), last: d() },
        HandlingError::ReasonsReplyBy {
            on: d(),
            reply_by: d(),
        },
        HandlingError::CorrectionDeadline {
            on: d(),
            correct_by: d(),
        },
        HandlingError::DeadlineNotPassed {
            on: d(),
            deadline: d(),
        },
        HandlingError::SecondCorrection { first: d() },
        HandlingError::StillUnclearWithoutCorrection,
        HandlingError::FeeBeforeFeeRules {
            received: d(),
            in_force_from: d(),
        },
        HandlingError::Step(StepError::NotAllowed {
            from: Status::Received,
            step: "fee_paid",
        }),
        HandlingError::Step(StepError::Closed {
            from: Status::Withdrawn,
            step: "decide",
        }),
        HandlingError::Step(StepError::SecondExtension),
        HandlingError::Step(StepError::OutcomeByClock("no_correction")),
    ] {
        all.push(Box::new(e));
    }
    for e in [
        FeeError::ZeroCount,
        FeeError::BadSchedule(ScheduleFault::ApplicationBands),
        FeeError::BadSchedule(ScheduleFault::PageBands),
        FeeError::Overflow,
    ] {
        all.push(Box::new(e));
    }
    for e in [
        FeeExplanation::FreeApplication { n: 1, free: 10 },
        FeeExplanation::ApplicationBand {
            n: 11,
            tier: 1,
            rate: 50,
        },
        FeeExplanation::FreePages { pages: 1, free: 30 },
        FeeExplanation::PageBands {
            pages: 31,
            parts: s(),
            total: 10,
        },
    ] {
        all.push(Box::new(e));
    }
    for e in [
        IdError::Empty,
        IdError::Length(3),
        IdError::Character('x'),
        IdError::Region(s()),
        IdError::BirthDate(s()),
        IdError::Check {
            expected: 'X',
            found: '1',
        },
        IdError::TooLong,
    ] {
        all.push(Box::new(e));
    }
    let attachment = [
        AttachmentError::NoExtension(s()),
        AttachmentError::NotAllowed(s()),
        AttachmentError::Empty,
        AttachmentError::TooLarge(1),
        AttachmentError::ContentMismatch(s()),
    ];
    for e in attachment.clone() {
        all.push(Box::new(IdProofError::File(e)));
    }
    all.extend(attachment.map(|e| Box::new(e) as Box<dyn Coded>));
    all.push(Box::new(IdProofError::TooLarge(1)));
    all.push(Box::new(IdProofError::NotAllowed));
    all.push(Box::new(ApplicantFileError::TooLarge(1)));
    all.push(Box::new(ApplicantFileError::NotAllowed));
    all.push(Box::new(ApplicantFileError::TooMany(5)));
    for c in Channel::ALL {
        all.push(Box::new(IntakeError::NotConfirmed(c)));
    }
    all.push(Box::new(IntakeError::NotSignedFor));
    all.push(Box::new(IntakeError::ConfirmedBeforeSent {
        sent: d(),
        confirmed: d(),
    }));
    for e in [
        TrackingNoError::Year(1),
        TrackingNoError::Seq(0),
        TrackingNoError::Format(s()),
    ] {
        all.push(Box::new(e));
    }
    for e in [
        CreditCodeError::Length(3),
        CreditCodeError::Character('I'),
        CreditCodeError::Check {
            expected: '1',
            found: '2',
        },
    ] {
        all.push(Box::new(e));
    }
    for e in [
        IndexNoError::Shape,
        IndexNoError::BadPrefix(s()),
        IndexNoError::BadYear(s()),
        IndexNoError::BadSerial(s()),
        IndexNoError::SerialOutOfRange(0),
    ] {
        all.push(Box::new(e));
    }
    for e in [
        DocNoError::Empty,
        DocNoError::NoYear(s()),
        DocNoError::NoPrefix,
        DocNoError::PrefixTooLong,
        DocNoError::BadYear(1),
        DocNoError::BadNumber(s()),
    ] {
        all.push(Box::new(e));
    }
    all.push(Box::new(SubjectError::Empty));
    all.push(Box::new(SubjectError::TooLong(51)));
    for from in ItemState::ALL {
        all.push(Box::new(TransitionError::NotAllowed {
            from,
            to: from,
            transition: "approve",
        }));
    }
    all.push(Box::new(TransitionError::ReasonRequired {
        transition: "withdraw",
    }));
    all.push(Box::new(StatsError::DecidedBeforeReceived {
        index: 1,
        received_on: d(),
        decided_on: d(),
    }));
    all.push(Box::new(StatsError::MissingCell(s())));
    all.push(Box::new(FiguresError::UnknownCell(s())));
    all.push(Box::new(FiguresError::Counted(s())));
    for b in [
        ChainBreak::DetailAltered { seq: 1 },
        ChainBreak::EventAltered { seq: 1 },
        ChainBreak::LinkBroken { seq: 1 },
        ChainBreak::Missing { from: 1, to: 1 },
        ChainBreak::Missing { from: 1, to: 2 },
        ChainBreak::TailMissing {
            expected: 2,
            found: 1,
        },
        ChainBreak::Unrecorded { seq: 1 },
        ChainBreak::AnchorMismatch { seq: 1 },
    ] {
        all.push(Box::new(StoreError::AuditChain(b)));
    }
    for e in [
        StoreError::InvalidUrl {
            url: s(),
            problem: UrlProblem::NeedsFile,
        },
        StoreError::InvalidUrl {
            url: s(),
            problem: UrlProblem::UnknownScheme,
        },
        StoreError::Unreachable {
            location: s(),
            source: sqlx::Error::PoolTimedOut,
        },
        StoreError::DataDir {
            path: s(),
            source: io(),
        },
        StoreError::Migrate(sqlx::migrate::MigrateError::VersionMissing(1)),
        StoreError::NotFound { what: "agency" },
        StoreError::Conflict { field: "name" },
        StoreError::Corrupt(s()),
        StoreError::Refused(s()),
        StoreError::ImportRow {
            line: 2,
            what: "index number",
        },
        StoreError::Database(sqlx::Error::PoolClosed),
    ] {
        all.push(Box::new(e));
    }
    let unreadable = [
        Unreadable::TooLarge {
            kind: FileKind::Docx,
            bytes: 2,
            limit: 1,
        },
        Unreadable::Reader {
            kind: FileKind::Pdf,
            detail: s(),
        },
        Unreadable::Damaged(FileKind::Docx),
        Unreadable::Damaged(FileKind::Pdf),
        Unreadable::Damaged(FileKind::Ofd),
        Unreadable::Reader {
            kind: FileKind::Ofd,
            detail: s(),
        },
        Unreadable::LegacyDoc,
        Unreadable::NotZip { detail: s() },
        Unreadable::UnpacksTooLarge { bytes: 1 },
        Unreadable::NoDocumentXml,
        Unreadable::DocumentXmlDamaged { detail: s() },
        Unreadable::NoPdfHeader,
        Unreadable::PdfEncrypted { detail: s() },
        Unreadable::PdfNoText,
        Unreadable::Encoding { encoding: s() },
        Unreadable::ParserPanic { what: s() },
        Unreadable::OcrUnavailable { detail: s() },
        Unreadable::OcrFailed { detail: s() },
    ];
    for u in unreadable {
        all.push(Box::new(ReportError::UnreadableInput(u)));
    }
    for field in [
        "agency_name",
        "tracking_no",
        "applicant_name",
        "description",
        "received_on",
        "served_on",
    ] {
        all.push(Box::new(ReportError::BadLetter(LetterProblem::Missing {
            field,
        })));
        all.push(Box::new(ReportError::BadLetter(LetterProblem::BadDate {
            field,
            value: s(),
        })));
    }
    all.push(Box::new(ReportError::BadLetter(
        LetterProblem::ServedBeforeReceived {
            served_on: s(),
            received_on: s(),
        },
    )));
    all.push(Box::new(ReportError::NotAReport(
        NotAReport::NoTablesOrHeadings,
    )));
    all.push(Box::new(ReportError::NotAReport(NotAReport::NoFormat)));
    all.push(Box::new(ReportError::Json(s())));
    all.push(Box::new(ReportError::Render(s())));
    for e in [
        SearchError::Open {
            path: s(),
            reason: s(),
        },
        SearchError::SchemaMismatch(s()),
        SearchError::InvalidItem(ItemProblem::NoIndexNo),
        SearchError::InvalidItem(ItemProblem::NegativeYear),
        SearchError::PageTooDeep { max: 1000 },
        SearchError::Poisoned,
        SearchError::Engine(tantivy::TantivyError::InvalidArgument(s())),
    ] {
        all.push(Box::new(e));
    }
    all
}

/// The codes a value's message needs: its own and those of its arguments.
fn codes_of(value: &dyn Coded, out: &mut Vec<String>) {
    out.push(value.code().to_owned());
    for (_, arg) in value.args() {
        match arg {
            Arg::Word(code) => out.push(code.to_owned()),
            Arg::Said(said) => codes_of(said.as_ref(), out),
            _ => {}
        }
    }
}

#[test]
fn every_code_has_words_in_both_languages_with_every_placeholder_filled() {
    let words = Messages::builtin().expect("catalogues");
    let placeholder = regex::Regex::new(r"\{[a-z_0-9]+\}").expect("regex");
    let mut missing = Vec::new();
    for value in every_code() {
        let mut codes = Vec::new();
        codes_of(value.as_ref(), &mut codes);
        for lang in Lang::ALL {
            for code in &codes {
                if !words.has(lang, code) {
                    missing.push(format!("{}: {code}", lang.code()));
                }
            }
            let said = words.say(lang, value.as_ref());
            if placeholder.is_match(&said) {
                missing.push(format!(
                    "{}: {} leaves a placeholder: {said}",
                    lang.code(),
                    value.code()
                ));
            }
        }
    }
    missing.dedup();
    assert!(missing.is_empty(), "without words:\n{}", missing.join("\n"));
}

#[test]
fn every_name_the_ui_shows_has_words_in_both_languages() {
    let words = Messages::builtin().expect("catalogues");
    let mut keys: Vec<String> = Vec::new();
    keys.extend(
        Category::ALL
            .iter()
            .map(|c| format!("category.{}", c.code())),
    );
    keys.extend(Outcome::ALL.iter().map(|o| format!("outcome.{}", o.code())));
    keys.extend(
        ApplicantKind::ALL
            .iter()
            .map(|k| format!("applicant_kind.{}", k.code())),
    );
    keys.extend(IdType::ALL.iter().map(|t| format!("id_type.{}", t.code())));
    // Every notice kind in the letter lists, every event on the timeline, every step's form.
    keys.extend(
        gongkai_domain::application::notice::NoticeKind::ALL
            .iter()
            .map(|k| format!("notice_kind_{}", k.code())),
    );
    keys.extend(
        gongkai_domain::application::event::Event::KINDS
            .iter()
            .map(|k| format!("event_{k}")),
    );
    keys.extend(
        gongkai_domain::application::handling::ActionKind::ALL
            .iter()
            .map(|k| format!("step_{}", k.code())),
    );
    keys.extend(Channel::ALL.iter().map(|c| c.word().to_owned()));
    keys.extend(ItemState::ALL.iter().map(|s| s.word().to_owned()));
    for r in Role::ALL {
        keys.push(format!("role_{}", r.code()));
        keys.push(format!("role_{}_scope", r.code()));
    }
    let statuses = [
        Status::Received,
        Status::AwaitingCorrection,
        Status::InConsultation { extended: false },
        Status::Extended,
        Status::AwaitingFee { extended: false },
        Status::Decided(Outcome::Open),
        Status::Withdrawn,
        Status::Abandoned(gongkai_domain::application::status::Abandonment::FeeUnpaid),
    ];
    for s in statuses {
        keys.push(format!("application.status.{}", s.code()));
        keys.push(s.word().to_owned());
    }
    let missing: Vec<String> = Lang::ALL
        .iter()
        .flat_map(|lang| {
            keys.iter()
                .filter(|k| !words.has(*lang, k))
                .map(move |k| format!("{}: {k}", lang.code()))
        })
        .collect();
    assert!(missing.is_empty(), "without words:\n{}", missing.join("\n"));
}
