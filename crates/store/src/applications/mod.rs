//! Applications for disclosure: each one as received, its state, and the events of its clock in order. The
//! applicant's details are kept as given (JSON from the web layer); who may read them is decided above.

mod bulk;
mod events;
mod files;
mod letters;
pub mod records;
mod reseal;
mod search;
mod store;

pub use bulk::{LoadedApplication, LoadedStep};
pub use search::{ApplicationQuery, StateFilter, tracking_key};

use std::future::Future;

use chrono::NaiveDate;
use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::event::Event;
use gongkai_domain::application::intake::{Channel, Delivery, InfoForm, TrackingNo};
use gongkai_domain::application::outcome::ApplicantKind;
use gongkai_domain::application::status::Status;
use gongkai_domain::audit::ActorRef;

use crate::error::StoreResult;

/// Database identity of an application (the public one is its tracking number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApplicationId(pub i64);

/// An application as checked by the intake rules, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplication {
    pub agency: AgencyId,
    pub applicant_kind: ApplicantKind,
    /// The applicant's details as JSON (personal data).
    pub applicant: String,
    pub description: String,
    pub info_form: InfoForm,
    pub delivery: Delivery,
    pub channel: Channel,
    /// None while the receipt is not yet confirmed (条例第三十一条).
    pub received_on: Option<NaiveDate>,
    pub query_code_hash: String,
}

/// A stored application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredApplication {
    pub id: ApplicationId,
    pub agency: AgencyId,
    pub tracking_no: TrackingNo,
    pub query_code_hash: String,
    pub applicant_kind: ApplicantKind,
    pub applicant: String,
    pub description: String,
    pub info_form: InfoForm,
    pub delivery: Delivery,
    pub channel: Channel,
    pub received_on: Option<NaiveDate>,
    pub status: Status,
    pub decided_on: Option<NaiveDate>,
    /// When it was stored (milliseconds since 1970, the server's clock): tells a resubmission within hours
    /// from a new application.
    pub created_at_ms: i64,
}

/// One event of an application's clock or handling, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationEvent {
    pub seq: i64,
    pub on: NaiveDate,
    /// What happened, with its particulars.
    pub event: Event,
    /// Who recorded it (`official:clerk`, `citizen:GK-2026-000001`, `system:…`).
    pub actor: String,
}

/// A caseworker's step as the domain planned it (`gongkai_domain::application::handling::plan`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordStep<'a> {
    pub application: ApplicationId,
    /// The last event's `seq` the caseworker saw: a step taken meanwhile by someone else refuses this one,
    /// since it was planned on a state that no longer holds.
    pub seen_seq: i64,
    pub event: &'a Event,
    pub on: NaiveDate,
    pub status: Status,
    /// The day the application ends in law when the step closes it, if not the step's own day (a lapse ends
    /// on the deadline that passed: `gongkai_domain::application::handling::Planned::ended_on`).
    pub ended_on: Option<NaiveDate>,
    /// The letter served with the step, kept as it was served.
    pub letter: Option<&'a NewLetter>,
    /// Files that came with the step (a correction's attachments, the documents disclosed), stored with it.
    pub files: &'a [NewApplicationFile],
}

/// Why a file is on an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePurpose {
    /// Sent with a correction (条例第三十条).
    Correction,
    /// A document disclosed with the decision (条例第三十六条第一、二项).
    Disclosed,
    /// The applicant's proof that the fee was paid (国办函〔2020〕109号).
    FeeProof,
}

impl FilePurpose {
    pub const ALL: [FilePurpose; 3] = [Self::Correction, Self::Disclosed, Self::FeeProof];

    pub fn code(self) -> &'static str {
        match self {
            Self::Correction => "correction",
            Self::Disclosed => "disclosed",
            Self::FeeProof => "fee_proof",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// A file to keep on an application; its bytes are already stored under `sha256`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplicationFile {
    pub purpose: FilePurpose,
    /// The name it was sent with, made safe.
    pub name: String,
    pub media_type: String,
    pub sha256: String,
    pub size: u64,
}

/// A kept file of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredApplicationFile {
    pub id: i64,
    pub application: ApplicationId,
    /// The event it came with.
    pub event_seq: i64,
    pub purpose: FilePurpose,
    pub name: String,
    pub media_type: String,
    pub sha256: String,
    pub size: u64,
    /// Who sent or attached it (`citizen:GK-…`, `official:clerk`).
    pub actor: String,
    pub created_at_ms: i64,
}

/// A letter or notice served (a 答复告知书, 补正告知书 …), as generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLetter {
    /// The notice kind's code (`gongkai_domain::application::notice::NoticeKind`): `decision`, `correction` …
    pub kind: String,
    /// The 发文字号 it was printed with, claimed when the letter is stored; `None` for a letter without one.
    pub number: Option<LetterNumber>,
    /// The day of service; for post the day it was posted (交邮之日).
    pub served_on: NaiveDate,
    /// How it was served: post, email, pickup, online.
    pub service: String,
    pub text: String,
    pub docx: Vec<u8>,
    pub pdf: Vec<u8>,
}

/// A 发文字号 printed on a letter: the `serial`-th letter of its kind that `agency` served in `year`. The
/// serial is the one [`ApplicationStore::next_letter_serial`] offered before the letter was rendered; storing
/// the letter claims it, and refuses (`StoreError::Conflict { field: "doc_no" }`, nothing stored) when another
/// letter took it meanwhile, so that the caller renders again with the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterNumber {
    pub agency: AgencyId,
    pub year: i32,
    pub serial: i64,
    /// As printed: `孟公资依申告〔2026〕13号`.
    pub text: String,
}

/// A kept letter, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLetter {
    pub id: i64,
    pub application: ApplicationId,
    /// The event it was served with.
    pub event_seq: i64,
    pub kind: String,
    /// Its 发文字号; `None` for letters kept before numbers were.
    pub doc_no: Option<String>,
    pub served_on: NaiveDate,
    pub service: String,
    pub text: String,
    pub docx_sha256: String,
    pub pdf_sha256: String,
}

/// Which file of a kept letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterFile {
    Docx,
    Pdf,
}

pub trait ApplicationStore {
    /// Stores a new application with its first event and gives it the next tracking number of `year`.
    fn create_application(
        &self,
        new: &NewApplication,
        year: i32,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<StoredApplication>> + Send;
    fn application(
        &self,
        id: ApplicationId,
    ) -> impl Future<Output = StoreResult<Option<StoredApplication>>> + Send;
    fn application_by_tracking_no(
        &self,
        tracking_no: &TrackingNo,
    ) -> impl Future<Output = StoreResult<Option<StoredApplication>>> + Send;
    /// Records an event and the state it leads to (the domain's status machine decided it was allowed).
    fn record_application_event(
        &self,
        id: ApplicationId,
        event: &Event,
        on: NaiveDate,
        status: Status,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<StoredApplication>> + Send;
    /// Records a caseworker's step, and its letter if one was served, in one transaction with its audit event.
    fn record_step(
        &self,
        step: &RecordStep<'_>,
        by: &ActorRef,
    ) -> impl Future<Output = StoreResult<StoredApplication>> + Send;
    /// The serial the next letter of `kind` that `agency` serves in `year` would get (its counter is moved only
    /// when that letter is stored: see [`LetterNumber`]).
    fn next_letter_serial(
        &self,
        agency: AgencyId,
        year: i32,
        kind: &str,
    ) -> impl Future<Output = StoreResult<i64>> + Send;
    /// The letters served on an application, oldest first.
    fn application_letters(
        &self,
        id: ApplicationId,
    ) -> impl Future<Output = StoreResult<Vec<StoredLetter>>> + Send;
    /// The bytes of one kept letter of this application.
    fn application_letter_file(
        &self,
        id: ApplicationId,
        letter: i64,
        file: LetterFile,
    ) -> impl Future<Output = StoreResult<Option<Vec<u8>>>> + Send;
    fn application_events(
        &self,
        id: ApplicationId,
    ) -> impl Future<Output = StoreResult<Vec<ApplicationEvent>>> + Send;
    /// An agency's applications, newest first; only those still open when `open_only`.
    fn applications_of(
        &self,
        agency: AgencyId,
        open_only: bool,
    ) -> impl Future<Output = StoreResult<Vec<StoredApplication>>> + Send;
    /// An agency's applications filed at or after `since_ms` (milliseconds since the epoch), newest first.
    fn applications_filed_since(
        &self,
        agency: AgencyId,
        since_ms: i64,
    ) -> impl Future<Output = StoreResult<Vec<StoredApplication>>> + Send;
    /// The files kept on an application, oldest first.
    fn application_files(
        &self,
        id: ApplicationId,
    ) -> impl Future<Output = StoreResult<Vec<StoredApplicationFile>>> + Send;
    /// One kept file of this application (`None` when it is another application's or none).
    fn application_file(
        &self,
        id: ApplicationId,
        file: i64,
    ) -> impl Future<Output = StoreResult<Option<StoredApplicationFile>>> + Send;
    /// The clerk's case list: an agency's applications, open and closed, that match `query`, newest first.
    fn search_applications(
        &self,
        agency: AgencyId,
        query: &ApplicationQuery,
    ) -> impl Future<Output = StoreResult<Vec<StoredApplication>>> + Send;
}
