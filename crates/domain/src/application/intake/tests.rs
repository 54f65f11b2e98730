use chrono::NaiveDate;

use super::*;
use crate::application::outcome::ApplicantKind;
use crate::field::{FieldError, FieldProblem};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
}

fn person() -> ApplicantInput {
    ApplicantInput {
        kind: "np".into(),
        name: "张三".into(),
        id_type: "resident_id".into(),
        id_number: "11010519491231002x".into(),
        phone: "0391-8181234".into(),
        ..ApplicantInput::default()
    }
}

fn company() -> ApplicantInput {
    ApplicantInput {
        kind: "org_biz".into(),
        name: "某某有限公司".into(),
        credit_code: "91350100M000100Y43".into(),
        contact_name: "李四".into(),
        email: "office@example.com".into(),
        ..ApplicantInput::default()
    }
}

fn application() -> ApplicationInput {
    ApplicationInput {
        agency: "mengzhou-gov".into(),
        applicant: person(),
        description: "孟政〔2020〕12号文件全文".into(),
        form: "paper".into(),
        delivery: "pickup".into(),
        channel: "in_person".into(),
        sent_on: "2026-03-02".into(),
        confirmed_on: String::new(),
    }
}

fn problems(r: Result<impl std::fmt::Debug, Vec<FieldError>>) -> Vec<(String, FieldProblem)> {
    match r {
        Ok(_) => Vec::new(),
        Err(e) => e.into_iter().map(|e| (e.field, e.problem)).collect(),
    }
}

fn one(field: &str, p: FieldProblem) -> Vec<(String, FieldProblem)> {
    vec![(field.to_owned(), p)]
}

#[test]
fn resident_ids_follow_gb_11643() {
    assert_eq!(check_resident_id("11010519491231002X"), Ok(()));
    assert_eq!(check_resident_id("11010519491231002x"), Ok(()));
    assert_eq!(resident_id_check_character("11010519491231002"), Ok('X'));
    // Weighted sums worked out by hand (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, value = sum mod 11,
    // characters 1 0 X 9 8 7 6 5 4 3 2): 184 mod 11 = 8 → '4' (a leap-day birth date is real); 158 mod 11 = 4 → '8'.
    assert_eq!(check_resident_id("440304200002290014"), Ok(()));
    assert_eq!(check_resident_id(" 310115198001011238 "), Ok(()));
    assert_eq!(resident_id_check_character("31011519800101123"), Ok('8'));
    assert_eq!(
        check_resident_id("110105194912310021"),
        Err(IdError::Check {
            expected: 'X',
            found: '1'
        })
    );
    assert_eq!(check_resident_id(""), Err(IdError::Empty));
    assert_eq!(
        check_resident_id("1101051949123100"),
        Err(IdError::Length(16))
    );
    assert_eq!(
        check_resident_id("1101051949123100AX"),
        Err(IdError::Character('A'))
    );
    assert_eq!(
        check_resident_id("11010519491231002Y"),
        Err(IdError::Character('Y'))
    );
    assert_eq!(
        check_resident_id("99010519491231002X"),
        Err(IdError::Region("990105".into()))
    );
    // 1949-02-30 and 2001-02-29 do not exist; 2000-02-29 does (above).
    // (their check characters, 155 mod 11 = 1 → '0' and 135 mod 11 = 3 → '9', are right).
    for (bad, birth) in [
        ("110105194902300020", "19490230"),
        ("110105200102290029", "20010229"),
    ] {
        assert_eq!(
            check_resident_id(bad),
            Err(IdError::BirthDate(birth.to_owned()))
        );
    }
    assert_eq!(
        check_resident_id("11010519491231002中"),
        Err(IdError::Character('中'))
    );
}

#[test]
fn other_id_types_need_only_a_sane_number() {
    assert_eq!(check_id(IdType::Passport, "E12345678"), Ok(()));
    assert_eq!(check_id(IdType::Passport, "  "), Err(IdError::Empty));
    assert_eq!(
        check_id(IdType::TaiwanPermit, &"1".repeat(31)),
        Err(IdError::TooLong)
    );
    assert_eq!(
        check_id(IdType::Other, "AB\u{7}1"),
        Err(IdError::Character('\u{7}'))
    );
    assert_eq!(
        check_id(IdType::ResidentId, "E12345678"),
        Err(IdError::Length(9))
    );
    for t in IdType::ALL {
        assert_eq!(IdType::from_code(t.code()), Some(t));
    }
}

#[test]
fn a_person_with_id_and_one_contact_is_accepted() {
    let a = person().check();
    assert_eq!(
        a,
        Ok(Applicant::Person {
            name: "张三".into(),
            id_type: IdType::ResidentId,
            id_number: "11010519491231002X".into(),
            contact: Contact {
                phone: Some("0391-8181234".into()),
                email: None,
                address: None
            },
        })
    );
}

#[test]
fn a_person_without_id_lacks_art_29_identity() {
    let mut p = person();
    p.id_number = String::new();
    assert_eq!(
        problems(p.check()),
        one("id_number", FieldProblem::IdentityRequired)
    );
    p.id_type = String::new();
    assert_eq!(
        problems(p.check()),
        vec![
            ("id_type".into(), FieldProblem::IdentityRequired),
            ("id_number".into(), FieldProblem::IdentityRequired)
        ]
    );
    let mut p = person();
    p.id_number = "110105194912310021".into();
    assert_eq!(
        problems(p.check()),
        one("id_number", FieldProblem::BadIdNumber)
    );
    p.id_type = "driving_licence".into();
    assert_eq!(
        problems(p.check()),
        one("id_type", FieldProblem::UnknownChoice)
    );
}

#[test]
fn every_missing_or_bad_applicant_field_is_named() {
    let empty = ApplicantInput::default();
    assert_eq!(
        problems(empty.check()),
        vec![
            ("kind".into(), FieldProblem::Required),
            ("name".into(), FieldProblem::Required),
            ("contact".into(), FieldProblem::NoContact),
            ("id_type".into(), FieldProblem::IdentityRequired),
            ("id_number".into(), FieldProblem::IdentityRequired),
        ]
    );
    let mut p = person();
    p.kind = "robot".into();
    p.phone = "call me".into();
    p.email = "nobody@nowhere".into();
    p.name = "名".repeat(MAX_NAME_CHARS + 1);
    assert_eq!(
        problems(p.check()),
        vec![
            ("kind".into(), FieldProblem::UnknownChoice),
            ("name".into(), FieldProblem::TooLong),
            ("phone".into(), FieldProblem::BadPhone),
            ("email".into(), FieldProblem::BadEmail),
        ]
    );
    let mut p = person();
    p.phone = " ".into();
    assert_eq!(problems(p.check()), one("contact", FieldProblem::NoContact));
    p.address = "河南省孟州市".into();
    assert!(p.check().is_ok());
}

#[test]
fn an_organisation_needs_a_valid_credit_code_and_a_contact_person() {
    let a = company().check();
    let Ok(Applicant::Organisation {
        kind,
        credit_code,
        contact_id,
        ..
    }) = a
    else {
        panic!("accepted: {a:?}");
    };
    assert_eq!(kind, ApplicantKind::Business);
    assert_eq!(credit_code.as_str(), "91350100M000100Y43");
    assert_eq!(contact_id, None);

    let mut c = company();
    c.credit_code = String::new();
    assert_eq!(
        problems(c.check()),
        one("credit_code", FieldProblem::IdentityRequired)
    );
    c.credit_code = "91350100M000100Y44".into();
    assert_eq!(
        problems(c.check()),
        one("credit_code", FieldProblem::BadCreditCode)
    );
    let mut c = company();
    c.contact_name = String::new();
    assert_eq!(
        problems(c.check()),
        one("contact_name", FieldProblem::Required)
    );
    // The contact person's id is optional; a number needs its type, and is checked.
    let mut c = company();
    c.id_number = "E12345678".into();
    assert_eq!(problems(c.check()), one("id_type", FieldProblem::Required));
    c.id_type = "passport".into();
    let ok = c.check().map(|a| a.kind());
    assert_eq!(ok, Ok(ApplicantKind::Business));
    for code in ["org_research", "org_npo", "org_legal", "org_other"] {
        let mut c = company();
        c.kind = code.into();
        assert_eq!(c.check().map(|a| a.kind().code()), Ok(code));
    }
}

#[test]
fn an_application_in_person_is_received_the_day_handed_in() {
    let a = application().check(d(2026, 3, 2));
    let Ok(a) = a else {
        panic!("accepted: {a:?}");
    };
    assert_eq!(a.received_on, Some(d(2026, 3, 2)));
    assert_eq!(
        (a.form, a.delivery, a.channel),
        (InfoForm::Paper, Delivery::Pickup, Channel::InPerson)
    );
}

#[test]
fn every_missing_application_field_is_named() {
    let a = ApplicationInput {
        applicant: person(),
        ..ApplicationInput::default()
    };
    assert_eq!(
        problems(a.check(d(2026, 3, 2))),
        vec![
            ("agency".into(), FieldProblem::Required),
            ("description".into(), FieldProblem::Required),
            ("form".into(), FieldProblem::Required),
            ("delivery".into(), FieldProblem::Required),
            ("channel".into(), FieldProblem::Required),
            ("sent_on".into(), FieldProblem::Required),
        ]
    );
    let mut a = application();
    a.description = "字".repeat(MAX_DESCRIPTION_CHARS + 1);
    a.form = "cd".into();
    a.sent_on = "2026-02-30".into();
    assert_eq!(
        problems(a.check(d(2026, 3, 2))),
        vec![
            ("description".into(), FieldProblem::TooLong),
            ("form".into(), FieldProblem::UnknownChoice),
            ("sent_on".into(), FieldProblem::BadDate),
        ]
    );
    // The applicant's problems come with the application's.
    let mut a = application();
    a.applicant.id_number = String::new();
    assert_eq!(
        problems(a.check(d(2026, 3, 2))),
        one("id_number", FieldProblem::IdentityRequired)
    );
}

#[test]
fn delivery_needs_a_matching_contact() {
    let mut a = application();
    a.delivery = "post".into();
    assert_eq!(
        problems(a.check(d(2026, 3, 2))),
        one("address", FieldProblem::AddressForPost)
    );
    a.delivery = "email".into();
    assert_eq!(
        problems(a.check(d(2026, 3, 2))),
        one("email", FieldProblem::EmailForDelivery)
    );
    a.applicant.email = "zhang@example.com".into();
    assert!(a.check(d(2026, 3, 2)).is_ok());
}

#[test]
fn a_date_in_the_future_is_refused() {
    let mut a = application();
    a.sent_on = "2026-03-03".into();
    assert_eq!(
        problems(a.check(d(2026, 3, 2))),
        one("sent_on", FieldProblem::DateInFuture)
    );
    let mut a = application();
    a.channel = "online".into();
    a.confirmed_on = "2026-03-03".into();
    assert_eq!(
        problems(a.check(d(2026, 3, 2))),
        one("confirmed_on", FieldProblem::DateInFuture)
    );
    a.confirmed_on = "2026-03-01".into();
    assert_eq!(
        problems(a.check(d(2026, 3, 2))),
        one("confirmed_on", FieldProblem::BadDate)
    );
}

#[test]
fn an_unconfirmed_online_application_is_checked_but_not_yet_received() {
    let mut a = application();
    a.channel = "online".into();
    a.delivery = "online".into();
    assert_eq!(a.check(d(2026, 3, 2)).map(|a| a.received_on), Ok(None));
    a.confirmed_on = "2026-03-02".into();
    assert_eq!(
        a.check(d(2026, 3, 5)).map(|a| a.received_on),
        Ok(Some(d(2026, 3, 2)))
    );
}

#[test]
fn receipt_dates_follow_article_31() {
    let (sent, later) = (d(2026, 3, 2), d(2026, 3, 5));
    // (一) 当面: the day handed in, whatever else is given.
    assert_eq!(receipt_date(Channel::InPerson, sent, None), Ok(sent));
    assert_eq!(receipt_date(Channel::InPerson, sent, Some(later)), Ok(sent));
    // (二) 邮寄: the day signed for, not the day posted.
    assert_eq!(
        receipt_date(Channel::SignedForPost, sent, Some(later)),
        Ok(later)
    );
    assert_eq!(
        receipt_date(Channel::SignedForPost, sent, None),
        Err(IntakeError::NotSignedFor)
    );
    // (二) 平常信函, (三) 传真 and 互联网渠道 (e-mail, online): the day of confirmation.
    for c in [
        Channel::OrdinaryLetter,
        Channel::Fax,
        Channel::Email,
        Channel::Online,
    ] {
        assert!(c.needs_confirmation());
        assert_eq!(receipt_date(c, sent, Some(later)), Ok(later), "{c:?}");
        assert_eq!(receipt_date(c, sent, Some(sent)), Ok(sent), "{c:?}");
        assert_eq!(
            receipt_date(c, sent, None),
            Err(IntakeError::NotConfirmed(c))
        );
        assert_eq!(
            receipt_date(c, later, Some(sent)),
            Err(IntakeError::ConfirmedBeforeSent {
                sent: later,
                confirmed: sent
            })
        );
    }
    for c in Channel::ALL {
        assert_eq!(Channel::from_code(c.code()), Some(c));
    }
}

#[test]
fn tracking_numbers_round_trip() {
    let t = TrackingNo::new(2026, 123);
    assert_eq!(
        t.as_ref().map(|t| t.to_string()),
        Ok("GK-2026-000123".to_owned())
    );
    assert_eq!(TrackingNo::parse("GK-2026-000123"), t);
    assert_eq!(TrackingNo::parse(" gk-2026-000123 "), t);
    assert_eq!(TrackingNo::parse("GK2026000123"), t);
    assert_eq!(TrackingNo::parse(" gk2026000123 "), t);
    let last = TrackingNo::new(2026, MAX_SEQ);
    assert_eq!(
        last.clone().and_then(|t| TrackingNo::parse(&t.to_string())),
        last
    );
    assert_eq!(TrackingNo::new(2026, 0), Err(TrackingNoError::Seq(0)));
    assert_eq!(
        TrackingNo::new(2026, MAX_SEQ + 1),
        Err(TrackingNoError::Seq(MAX_SEQ + 1))
    );
    assert_eq!(TrackingNo::new(1999, 1), Err(TrackingNoError::Year(1999)));
    for bad in [
        "GK-2026-123",
        "XX-2026-000123",
        "GK-2026-000123-1",
        "GK-２０２6-000123",
        "GK-2026-+00123",
        "GK202600012",
        "GK20260001234",
        "GK2026 000123",
        "GK２０２6000123",
        "GK-2026-0000123",
        "GK-2026-1000000000000",
        "",
    ] {
        assert!(
            matches!(TrackingNo::parse(bad), Err(TrackingNoError::Format(_))),
            "{bad}"
        );
    }
    assert!(TrackingNo::new(2026, 2).ok() > TrackingNo::new(2026, 1).ok());
    // Past 999999 the number widens instead of running out, and reads back the same.
    let wide = TrackingNo::new(2026, 1_000_000);
    assert_eq!(
        wide.as_ref().map(|t| t.to_string()),
        Ok("GK-2026-1000000".to_owned())
    );
    assert_eq!(TrackingNo::parse("GK-2026-1000000"), wide);
    assert_eq!(TrackingNo::parse("gk20261000000"), wide);
    assert!(wide.ok() > TrackingNo::new(2026, 999_999).ok());
}

#[test]
fn query_codes_use_the_unambiguous_alphabet_and_match_in_constant_time() {
    for c in ['0', 'O', '1', 'I'] {
        assert!(!QUERY_ALPHABET.contains(&(c as u8)), "{c}");
    }
    // Low five bits: 0 1 31 0 31 7 8 4 8 31.
    let code = QueryCode::from_random(&[0, 1, 31, 32, 255, 7, 8, 100, 200, 63]);
    assert_eq!(code.as_str(), "23Z2Z9A6AZ");
    assert_eq!(code.as_str().len(), QUERY_CODE_LEN);
    assert!(code.matches("23Z2Z9A6AZ"));
    assert!(code.matches(" 23z2z9a6az "));
    assert!(!code.matches("23Z2Z9A6AY"));
    assert!(!code.matches("23Z2Z9A6A"));
    assert!(!code.matches(""));
    // Every byte lands in the alphabet.
    let all: Vec<u8> = (0..=255).collect();
    for chunk in all.chunks_exact(QUERY_CODE_LEN) {
        let mut b = [0u8; QUERY_CODE_LEN];
        b.copy_from_slice(chunk);
        let c = QueryCode::from_random(&b);
        assert!(c.as_str().bytes().all(|x| QUERY_ALPHABET.contains(&x)));
    }
    // The store keeps the hash only, and can still verify.
    for algorithm in [
        crate::audit::ChainHash::Sha256,
        crate::audit::ChainHash::Sm3,
    ] {
        let salted = code.salted_hash(&[7; SALT_BYTES], algorithm);
        assert!(QueryCode::verify_hash(&salted, "23z2z9a6az"), "{salted}");
        assert!(!QueryCode::verify_hash(&salted, "23Z2Z9A6AY"));
        let other_salt = code.salted_hash(&[8; SALT_BYTES], algorithm);
        assert_ne!(
            salted, other_salt,
            "the same code hashes differently under another salt"
        );
        assert!(QueryCode::verify_hash(&other_salt, "23Z2Z9A6AZ"));
    }
    let h = code.hash_hex();
    assert_eq!(h.len(), 64);
    assert!(!h.contains(code.as_str()));
    assert!(QueryCode::verify_hash(&h, "23z2z9a6az"));
    assert!(!QueryCode::verify_hash(&h, "23Z2Z9A6AY"));
    assert!(!format!("{code:?}").contains(code.as_str()));
}

#[test]
fn every_applicant_field_is_bounded_whatever_the_kind_and_only_the_checked_is_kept() {
    let person = ApplicantInput {
        kind: "np".into(),
        name: " 张三 ".into(),
        id_type: "resident_id".into(),
        id_number: "11010519491231002x".into(),
        phone: "13800000000".into(),
        ..ApplicantInput::default()
    };
    for field in [
        "kind",
        "name",
        "id_type",
        "id_number",
        "credit_code",
        "contact_name",
        "phone",
        "email",
        "address",
    ] {
        let mut long = person.clone();
        let huge = "张".repeat(10_000);
        match field {
            "kind" => long.kind = huge,
            "name" => long.name = huge,
            "id_type" => long.id_type = huge,
            "id_number" => long.id_number = huge,
            "credit_code" => long.credit_code = huge,
            "contact_name" => long.contact_name = huge,
            "phone" => long.phone = huge,
            "email" => long.email = huge,
            _ => long.address = huge,
        }
        let errors = long.check().expect_err(field);
        assert!(
            errors.iter().any(|e| e.field == field),
            "{field}: {errors:?}"
        );
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        let mut unique = fields.clone();
        unique.dedup();
        assert_eq!(fields, unique, "one problem per field");
    }
    let mut bell = person.clone();
    bell.address = "孟州市\u{7}会昌路".into();
    let errors = bell.check().expect_err("control character");
    assert_eq!(
        errors,
        vec![FieldError::new("address", FieldProblem::ControlCharacter)]
    );
    // A contact person and a credit code do not belong to a person: dropped, the rest normalised.
    let mut extra = person.clone();
    extra.contact_name = "李四".into();
    extra.credit_code = "whatever".into();
    let kept = extra.check().expect("a person").to_input();
    assert_eq!(kept.contact_name, "");
    assert_eq!(kept.credit_code, "");
    assert_eq!(kept.name, "张三");
    assert_eq!(kept.id_number, "11010519491231002X");
    assert_eq!(
        kept.check().map(|a| a.to_input()),
        Ok(kept.clone()),
        "stable"
    );
}

/// The API's schema states each bound for the field as sent: spaces around a value count toward it, so a value
/// the schema refuses is never accepted (and one it allows is never refused for its length).
#[test]
fn bounds_count_the_field_as_sent() {
    let mut p = person();
    p.name = format!("{} ", "名".repeat(MAX_NAME_CHARS));
    assert_eq!(problems(p.check()), one("name", FieldProblem::TooLong));
    let mut p = person();
    p.name = "名".repeat(MAX_NAME_CHARS);
    assert!(p.check().is_ok());
    let mut a = application();
    a.description = format!("{}\n", "字".repeat(MAX_DESCRIPTION_CHARS));
    assert_eq!(
        problems(a.check(d(2026, 12, 1))),
        one("description", FieldProblem::TooLong)
    );
    let mut a = application();
    a.agency = format!(" {}", "机".repeat(MAX_AGENCY_KEY_CHARS));
    assert_eq!(
        problems(a.check(d(2026, 12, 1))),
        one("agency", FieldProblem::TooLong)
    );
}
