//! Every message a page can ask for by a computed key exists in both languages: kinds, roles and their
//! scopes, audit actions, field problems and error codes.

use gongkai_app::messages::{Lang, Messages};
use gongkai_domain::account::Role;
use gongkai_domain::agency::AgencyKind;
use gongkai_domain::audit::{AuditAction, ChainBreak};
use gongkai_domain::field::FieldProblem;
use gongkai_web::error::ErrorCode;
use gongkai_web::pages::error_key;

#[test]
fn every_computed_message_key_exists_in_both_languages() {
    let c = Messages::builtin().expect("catalogues");
    let mut keys = Vec::new();
    keys.extend(AgencyKind::ALL.iter().map(|k| format!("kind_{}", k.code())));
    for r in Role::ALL {
        keys.push(format!("role_{}", r.code()));
        keys.push(format!("role_{}_scope", r.code()));
    }
    keys.extend(AuditAction::ALL.iter().map(|a| a.message_key()));
    keys.extend(
        FieldProblem::ALL
            .iter()
            .map(|p| format!("field_{}", p.code())),
    );
    // The closed set of codes the web answers with: each must have its words.
    keys.extend(ErrorCode::ALL.iter().map(|e| e.key()));
    // Codes of the lower layers that pages show by their `error_` key.
    let errors = [
        "catalog.four_eyes",
        "catalog.not_a_draft",
        "catalog.step_refused",
        "attachment.no_extension",
        "attachment.not_allowed",
        "attachment.empty",
        "attachment.too_large",
        "attachment.content_mismatch",
        "id_proof.too_large",
        "id_proof.not_allowed",
        "report.import_unreadable",
        "report.import_no_year",
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
            if !c.texts(lang).contains_key(k) {
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
