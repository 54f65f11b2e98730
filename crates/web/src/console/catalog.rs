//! An agency's catalogue in the console: every item with its state, the publications that broke 条例第二十六条
//! (more than 20 working days after the information was made or changed), and the draft form.

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use gongkai_domain::access::{Capability, authorize};
use gongkai_domain::catalog::{
    Category, DocKind, DocNo, ItemDraft, ItemState, PublicationDates, PublicationTiming, Subject,
    Validity, change_day, publication_timing,
};
use gongkai_domain::field::{FieldError, FieldProblem};
use gongkai_store::{CatalogItem, CatalogStore, ItemFilter};
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::{field_errors, form_status, page_context};
use crate::auth::{Access, Official, can};
use crate::display::{category_name, pages};
use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::templates::ser;

const PER_PAGE: u32 = 30;

#[derive(Debug, Serialize)]
struct Row {
    id: i64,
    index_no: Option<String>,
    title: String,
    doc_no: Option<String>,
    state: &'static str,
    formed_on: String,
    published_on: Option<String>,
    /// Working days from forming to publication, when published late (条例第二十六条).
    late_by: Option<u32>,
    /// Working days from a change (变更) to its republication, when that was late.
    change_late_by: Option<u32>,
    /// Still unpublished past the 20 working days: the working days since it was formed or changed.
    overdue_by: Option<u32>,
}

fn dates(item: &CatalogItem) -> PublicationDates {
    PublicationDates {
        formed_on: item.draft.formed_on,
        changed_on: change_day(item.draft.validity, item.draft.formed_on),
        published_on: item.published_on,
        version_published_on: item.version_published_on,
        is_published: item.state == ItemState::Published,
    }
}

fn row(state: &AppState, item: &CatalogItem) -> Row {
    // A withdrawn item waits for nobody; a year the calendar has no data for is not judged.
    let timing = (item.state != ItemState::Withdrawn)
        .then(|| publication_timing(&dates(item), state.today(), &state.calendar).ok())
        .flatten();
    let (mut late_by, mut change_late_by, mut overdue_by) = (None, None, None);
    match timing {
        Some(PublicationTiming::PublishedLate { working_days }) => late_by = Some(working_days),
        Some(PublicationTiming::ChangePublishedLate { working_days }) => {
            change_late_by = Some(working_days)
        }
        Some(PublicationTiming::Overdue { working_days, .. }) => overdue_by = Some(working_days),
        _ => {}
    }
    Row {
        id: item.id.0,
        index_no: item.index_no.as_ref().map(ToString::to_string),
        title: item.draft.title.clone(),
        doc_no: item.draft.doc_no.as_ref().map(|n| n.to_string()),
        state: item.state.code(),
        formed_on: item.draft.formed_on.to_string(),
        published_on: item.published_on.map(|d| d.to_string()),
        late_by,
        change_late_by,
        overdue_by,
    }
}

#[derive(Debug, Deserialize)]
pub struct Paging {
    page: Option<u32>,
    /// `in_review`, `draft`, `published`, `withdrawn`: only the items in that state (the home page's count of
    /// items waiting for 保密审查 links here); anything else lists every item.
    state: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    Query(paging): Query<Paging>,
    access: Access<can::ViewAgency>,
) -> Result<Response, WebError> {
    let page = paging.page.unwrap_or(1).max(1);
    let only = paging.state.as_deref().and_then(ItemState::from_code);
    let filter = ItemFilter {
        agencies: Some(vec![access.agency.id]),
        states: only.map(|s| vec![s]),
        page,
        per_page: PER_PAGE,
        ..Default::default()
    };
    let (items, total) = state.store.items(&filter).await?;
    let rows: Vec<Row> = items.iter().map(|i| row(&state, i)).collect();
    // Over every item, not just this page (a year the calendar has no data for is not judged): published
    // late, a change republished late, and what is still unpublished past its 20 working days.
    let timings: Vec<PublicationTiming> = state
        .store
        .publication_dates(access.agency.id)
        .await?
        .iter()
        .filter_map(|d| publication_timing(d, state.today(), &state.calendar).ok())
        .collect();
    let overdue = timings
        .iter()
        .filter(|t| matches!(t, PublicationTiming::Overdue { .. }))
        .count();
    let late = timings.iter().filter(|t| t.is_late()).count() - overdue;
    let may_draft = authorize(
        &access.official.actor(),
        Capability::HandleRecords,
        access.agency.id,
        &access.tree,
    )
    .is_ok();
    let page_html = state.templates.render(
        "console/catalog.html",
        lang,
        context! {
            agency => ser(&access.agency),
            items => ser(&rows),
            late => late,
            overdue => overdue,
            total => total,
            page => page,
            pages => pages(total, PER_PAGE),
            may_draft => may_draft,
            only => only.map(ItemState::code),
            states => ItemState::ALL.iter().map(|s| s.code()).collect::<Vec<_>>(),
            ..page_context(&access.official)
        },
    )?;
    Ok(page_html.into_response())
}

/// The draft form as it travels: text fields, checked into an [`ItemDraft`] on submission.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct DraftForm {
    title: String,
    doc_no: String,
    category: String,
    subject: String,
    issuer: String,
    formed_on: String,
    summary: String,
    kind: String,
    validity: String,
    validity_on: String,
    body: String,
}

impl DraftForm {
    pub fn of(d: &ItemDraft) -> Self {
        Self {
            title: d.title.clone(),
            doc_no: d.doc_no.as_ref().map(|n| n.to_string()).unwrap_or_default(),
            category: d.category.code().to_owned(),
            subject: d
                .subject
                .as_ref()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            issuer: d.issuer.clone(),
            formed_on: d.formed_on.to_string(),
            summary: d.summary.clone(),
            kind: d.kind.code().to_owned(),
            validity: d.validity.code().to_owned(),
            validity_on: d.validity.on().map(|x| x.to_string()).unwrap_or_default(),
            body: d.body.clone(),
        }
    }

    fn blank(issuer: &str) -> Self {
        Self {
            issuer: issuer.to_owned(),
            category: Category::ALL[0].code().to_owned(),
            kind: DocKind::Other.code().to_owned(),
            validity: "valid".to_owned(),
            ..Self::default()
        }
    }

    /// The draft, or every problem with the form, field by field (a 成文日期 after `today` among them).
    pub fn to_draft(&self, today: NaiveDate) -> Result<ItemDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut need = |field: &str, problem| errors.push(FieldError::new(field, problem));
        let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let formed_on = date(&self.formed_on);
        if formed_on.is_none() {
            need("formed_on", FieldProblem::BadDate);
        }
        let doc_no = match self.doc_no.trim() {
            "" => None,
            text => DocNo::parse(text)
                .map_err(|_| need("doc_no", FieldProblem::BadDocNo))
                .ok(),
        };
        let subject = match self.subject.trim() {
            "" => None,
            text => Subject::parse(text)
                .map_err(|_| need("subject", FieldProblem::TooLong))
                .ok(),
        };
        let category = Category::from_code(&self.category);
        if category.is_none() {
            need("category", FieldProblem::Required);
        }
        let kind = DocKind::from_code(&self.kind).unwrap_or(DocKind::Other);
        let validity = Validity::from_code(&self.validity, date(&self.validity_on));
        if validity.is_none() {
            need("validity_on", FieldProblem::BadDate);
        }
        let (Some(formed_on), Some(category), Some(validity)) = (formed_on, category, validity)
        else {
            return Err(errors);
        };
        let draft = ItemDraft {
            title: self.title.trim().to_owned(),
            doc_no,
            category,
            subject,
            issuer: self.issuer.trim().to_owned(),
            formed_on,
            summary: self.summary.trim().to_owned(),
            kind,
            validity,
            body: self.body.trim().to_owned(),
        };
        errors.extend(draft.problems_on(today));
        if errors.is_empty() {
            Ok(draft)
        } else {
            Err(errors)
        }
    }
}

/// The choices of the form's selects, in the visitor's language.
pub fn choices(lang: Lang) -> minijinja::Value {
    let categories: Vec<_> = Category::ALL
        .iter()
        .map(|c| context! { code => c.code(), name => category_name(*c, lang) })
        .collect();
    let kinds: Vec<&str> = DocKind::ALL.iter().map(|k| k.code()).collect();
    context! { categories => categories, kinds => kinds, validities => Validity::CODES }
}

pub async fn new_form(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
) -> Result<Response, WebError> {
    let form = DraftForm::blank(&access.agency.profile.name);
    render_new(&state, lang, &access.official, &access, &form, &[])
}

fn render_new(
    state: &AppState,
    lang: Lang,
    official: &Official,
    access: &Access<can::HandleRecords>,
    form: &DraftForm,
    errors: &[FieldError],
) -> Result<Response, WebError> {
    let page = state.templates.render(
        "console/item_new.html",
        lang,
        context! {
            agency => ser(&access.agency),
            form => ser(form),
            errors => field_errors(errors),
            choices => choices(lang),
            ..page_context(official)
        },
    )?;
    Ok((form_status(errors), page).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    access: Access<can::HandleRecords>,
    Form(form): Form<DraftForm>,
) -> Result<Response, WebError> {
    let draft = match form.to_draft(state.today()) {
        Ok(d) => d,
        Err(errors) => return render_new(&state, lang, &access.official, &access, &form, &errors),
    };
    let item = state
        .store
        .create_item(access.agency.id, &draft, &access.official.actor_ref())
        .await?;
    Ok(Redirect::to(&format!(
        "/console/agencies/{}/catalog/{}",
        access.agency.id, item.id
    ))
    .into_response())
}
