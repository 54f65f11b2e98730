//! Rows become domain types at the store boundary: a stored value the domain does not accept (an unknown
//! channel, a tracking number or 索引号 of no valid form) is refused as corrupt, naming the value, on both
//! backends, rather than passed on as text.

use chrono::NaiveDate;
use gongkai_domain::agency::{AgencyKind, AgencyProfile};
use gongkai_domain::application::intake::{Channel, Delivery, InfoForm};
use gongkai_domain::application::outcome::ApplicantKind;
use gongkai_domain::audit::ActorRef;
use gongkai_store::{AgencyStore, ApplicationStore, CatalogStore, NewApplication, Store};

fn by() -> ActorRef {
    ActorRef::System {
        reason: "contract test".into(),
    }
}

/// Overwrites one column of one row past the store, as a damaged or hand-edited database would hold it.
async fn overwrite(store: &Store, table: &str, column: &str, value: &str, id: i64) {
    let sql = format!("UPDATE {table} SET {column} = $1 WHERE id = $2");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(value)
        .bind(id)
        .execute(store.pool_for_tests())
        .await
        .expect("raw update");
}

pub async fn stored_values_the_domain_refuses(store: Store) -> Vec<String> {
    let mut told = Vec::new();
    let agency = store
        .create_agency(
            None,
            &AgencyProfile::named("孟州市自然资源局", AgencyKind::Department),
            &by(),
        )
        .await
        .expect("agency");
    let new = NewApplication {
        agency: agency.id,
        applicant_kind: ApplicantKind::NaturalPerson,
        applicant: "{}".into(),
        description: "征地补偿安置方案".into(),
        info_form: InfoForm::Paper,
        delivery: Delivery::Post,
        channel: Channel::SignedForPost,
        received_on: NaiveDate::from_ymd_opt(2026, 5, 6),
        query_code_hash: "0".repeat(64),
    };
    for (column, value) in [
        ("channel", "pigeon"),
        ("delivery", "telepathy"),
        ("tracking_no", "2026-1"),
    ] {
        let app = store
            .create_application(&new, 2026, &by())
            .await
            .expect("application");
        overwrite(&store, "applications", column, value, app.id.0).await;
        let err = store.application(app.id).await.expect_err(column);
        assert!(err.to_string().contains(value), "{err}");
        told.push(format!("application {column} -> {}", err.code()));
    }
    let item = store
        .create_item(
            agency.id,
            &super::catalog::draft("征收土地公告", None),
            &by(),
        )
        .await
        .expect("item");
    overwrite(&store, "catalog_items", "index_no", "no slash", item.id.0).await;
    let err = store.item(item.id).await.expect_err("index number");
    assert!(err.to_string().contains("no slash"), "{err}");
    told.push(format!("catalogue index_no -> {}", err.code()));
    told
}
