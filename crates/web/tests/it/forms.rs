//! The agency profile form as an agency administrator uses it: mistakes are named field by field with what
//! was typed kept, a good save shows on the public page, and the change is in the audit trail.

use crate::support;

use crate::support::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn a_profile_is_checked_saved_shown_and_audited() {
    let app = TestApp::start().await;
    let centre = app.agency("孟州市公共资源交易中心");
    let admin = app.signed_in("ggzy-admin").await;
    let edit = format!("/console/agencies/{centre}/edit");

    let bad = [
        ("name", "孟州市公共资源交易中心"),
        ("kind", "department"),
        ("credit_code", "11410883MB00000020"),
        ("office_email", "xxgk-at-mengzhou"),
        ("office_phone", "0391-8100099"),
    ];
    let (status, page) = admin.post_from(&edit, &edit, &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("统一社会信用代码不正确"), "credit code named");
    assert!(page.contains("电子邮箱格式不正确"), "e-mail named");
    assert!(
        page.contains("value=\"0391-8100099\""),
        "what was typed is kept"
    );

    let taken = [("name", "孟州市财政局"), ("kind", "department")];
    let (status, page) = admin.post_from(&edit, &edit, &taken).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("该值已被其他记录使用"),
        "a name in use is named"
    );

    let good = [
        ("name", "孟州市公共资源交易中心"),
        ("kind", "department"),
        ("office_name", "孟州市公共资源交易中心办公室"),
        ("office_phone", "0391-8100099"),
        ("office_email", "xxgk@mengzhou.example.cn"),
    ];
    let (status, _) = admin.post_from(&edit, &edit, &good).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, public) = support::Client::new(&app)
        .get(&format!("/agencies/{centre}/guide"))
        .await;
    assert!(public.contains("0391-8100099") && public.contains("孟州市公共资源交易中心办公室"));

    let (status, trail) = admin
        .get(&format!("/console/agencies/{centre}/audit"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        trail.contains("修改机关信息") && trail.contains("交易中心管理员（ggzy-admin）"),
        "the edit is an event"
    );
}
