//! Every message a page can ask for by a computed key exists in both languages: kinds, roles and their
//! scopes, audit actions, field problems and error codes.

use gongkai_domain::access::Denial;
use gongkai_domain::account::Role;
use gongkai_domain::agency::AgencyKind;
use gongkai_domain::audit::{ChainBreak, action};
use gongkai_domain::field::FieldProblem;
use gongkai_web::i18n::{Catalogue, Lang};
use gongkai_web::pages::error_key;

#[test]
fn every_computed_message_key_exists_in_both_languages() {
    let c = Catalogue::builtin().expect("catalogues");
    let mut keys = Vec::new();
    keys.extend(AgencyKind::ALL.iter().map(|k| format!("kind_{}", k.code())));
    for r in Role::ALL {
        keys.push(format!("role_{}", r.code()));
        keys.push(format!("role_{}_scope", r.code()));
    }
    keys.extend(
        action::ALL
            .iter()
            .map(|a| format!("action_{}", a.replace('.', "_"))),
    );
    keys.extend(
        FieldProblem::ALL
            .iter()
            .map(|p| format!("field_{}", p.code())),
    );
    let errors = [
        Denial::Role.code(),
        Denial::Scope.code(),
        "auth.required",
        "auth.csrf",
        "http.not_found",
        "http.internal",
        "http.other",
        "http.body_too_large",
        "http.bad_request",
        "catalog.four_eyes",
        "catalog.not_a_draft",
        "catalog.step_refused",
        "search.page_too_deep",
        "api.bad_doc_no",
        "deadline.bad_date",
        "application.invalid",
        "application.unknown_agency",
        "application.not_found",
        "calendar.no_data",
        "http.method_not_allowed",
        "http.too_many_requests",
        "http.bad_lang",
        "account.self_disable",
        "store.not_found",
        "store.conflict",
        "store.unreachable",
        "store.database",
        "store.corrupt",
        "store.invalid_url",
        "store.data_dir",
        "store.migrate",
        "store.audit_chain",
    ];
    keys.extend(errors.iter().map(|e| error_key(e)));
    keys.extend(["login_failed", "login_disabled"].map(String::from));
    let breaks = [
        ChainBreak::DetailAltered { seq: 1 },
        ChainBreak::EventAltered { seq: 1 },
        ChainBreak::LinkBroken { seq: 1 },
        ChainBreak::Missing { from: 1, to: 1 },
        ChainBreak::TailMissing {
            expected: 2,
            found: 1,
        },
        ChainBreak::Unrecorded { seq: 1 },
        ChainBreak::AnchorMismatch { seq: 1 },
    ];
    keys.extend(breaks.iter().map(|b| format!("audit_break_{}", b.code())));
    let mut missing = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        for k in &keys {
            if !c.messages(lang).contains_key(k) {
                missing.push(format!("{}: {k}", lang.code()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing messages:\n{}",
        missing.join("\n")
    );
}
