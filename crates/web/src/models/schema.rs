//! Schemas the derive cannot state: a string that takes one of the domain's codes. They are built from the
//! domain's own lists, so the OpenAPI document and the checks the server makes cannot drift apart.

use gongkai_domain::application::intake::{Delivery, IdType, InfoForm};
use gongkai_domain::application::outcome::ApplicantKind;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};

fn choice(description: &str, codes: impl IntoIterator<Item = &'static str>) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .enum_values(Some(codes))
        .build()
}

/// 申请人类型 / the kind of applicant.
pub fn applicant_kind() -> Object {
    choice(
        "申请人类型 / kind of applicant",
        ApplicantKind::ALL.map(ApplicantKind::code),
    )
}

/// 证件类型; empty for an organisation that gives no contact person's document.
pub fn id_type() -> Object {
    let mut codes = vec![""];
    codes.extend(IdType::ALL.map(IdType::code));
    choice(
        "证件类型（公民必填；组织可空）/ identity document type (a person's is required; an organisation may leave it empty)",
        codes,
    )
}

/// 信息的载体形式 / the form the information is given in.
pub fn info_form() -> Object {
    choice(
        "获取信息的载体形式 / form of the information",
        InfoForm::ALL.map(InfoForm::code),
    )
}

/// 获取信息的方式 / how the information is handed over.
pub fn delivery() -> Object {
    choice(
        "获取信息的方式 / how the information is handed over",
        Delivery::ALL.map(Delivery::code),
    )
}

/// Which applications a list shows: open, closed, or all (empty).
pub fn case_status() -> Object {
    choice(
        "open | closed；不填为全部 / open | closed; all when empty or left out",
        ["", "open", "closed"],
    )
}
