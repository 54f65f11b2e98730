//! The demo's report inputs: 孟州市公共资源交易中心's 2020 report as it published it (the seed document of this
//! project), so that the report compiled from the demo's records for 2020 reads like the one the centre
//! published, and its tables equal the published ones.

use gongkai_domain::agency::AgencyId;
use gongkai_domain::audit::ActorRef;
use gongkai_store::{ReportInputStore, ReportInputs, Store, StoreError};

/// Sections 一, 五 and 六 of the centre's published 2020 report (二 to 四 are the tables).
const CENTRE_2020: [&str; 6] = [
    "本报告根据《中华人民共和国政府信息公开条例》有关要求编制。全文内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息依申请公开情况、政府信息公开行政复议和行政诉讼的情况、政府信息公开工作存在的主要问题及改进情况等事项组成。报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n\n2020年公共资源交易中心政府信息公开工作在市委、市政府的正确领导下，坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》精神，结合公共资源交易中心工作实际，加强组织领导，建立健全机制，规范运作程序，积极有序地推进全中心政府信息公开工作开展。\n\n1、政府信息公开工作机构和人员设置情况\n\n我中心高度重视政府信息公开工作，按照要求认真抓好各项工作的落实。一是成立了由中心主任为组长，分管领导为副组长，成员由各科室负责人组成的信息公开工作领导小组。下设办公室负责日常工作，配备了电脑、打印机等必要的办公设备，由专人负责政府信息公开工作。二是组织相关人员认真学习《中华人民共和国政府信息公开条例》等相关条例法规。三是明确了政府信息公开范围、公开方式、职责分工、工作时限及保密等制度。四是及时更新单位概况等内容，扎实推进政府信息公开工作。\n\n2、政府信息公开目录、公开指南的编制、更新情况\n\n我中心已按照要求编制了政府信息公开目录、政府信息公开指南，并通过孟州市人民政府网站进行了公开发布，且及时更新维护。\n\n3、有效利用政府网站平台，及时发布政务信息\n\n公民、法人和其他组织均可登陆孟州市人民政府网站公共资源交易板块，按照信息类别和标题、文号等方式查询本中心主动公开的文件。",
    "",
    "",
    "",
    "2020年，我中心政务公开工作虽然取得了一定成绩，但离市委、市政府要求还有一定的差距，人员素质有待进一步提高，公开的渠道和途径需进一步拓展创新，公开工作的工作配合机制还需进一步完善等。下一步，我中心将以习近平新时代中国特色社会主义思想 and “十四五”规划为指导，结合市委、市政府新时代对政务公开工作的新要求，继续加强政策宣传，扩大信息公开范围，提高信息公开质量，踏踏实实、真抓实干，推动公共资源交易信息公开工作再上新台阶。",
    "孟州市公共资源交易中心无其他需要报告的事项",
];

/// Stores the centre's 2020 section texts unless something was entered for that year already.
pub async fn seed_report_inputs(store: &Store, centre: AgencyId) -> Result<(), StoreError> {
    if store.report_inputs(centre, 2020).await? != ReportInputs::default() {
        return Ok(());
    }
    let inputs = ReportInputs {
        figures: Default::default(),
        sections: CENTRE_2020.map(str::to_owned),
    };
    let by = ActorRef::System {
        reason: "gongkai demo".into(),
    };
    store.save_report_inputs(centre, 2020, &inputs, &by).await
}

/// Publishes the centre's 2020 report once, compiled from the demo's records through the use case a reviewer
/// uses, so that the portal's list and search of annual reports have a real report to show.
pub async fn publish_centre_2020(app: &gongkai_app::App) -> Result<(), crate::DemoError> {
    use gongkai_store::AgencyStore;
    let Some(centre) = app.store.agency_by_name_or_code(crate::CENTRE).await? else {
        return Ok(());
    };
    if app
        .store
        .publications_of(centre.id)
        .await?
        .iter()
        .any(|p| p.year == 2020)
    {
        return Ok(());
    }
    let request = gongkai_app::reports::PublishRequest {
        // The demo's reviewer has read the warnings (a report published years late among them).
        confirm_warnings: true,
        note: String::new(),
    };
    let by = ActorRef::System {
        reason: "gongkai demo".into(),
    };
    gongkai_app::reports::publish(app, &centre, 2020, &request, &by)
        .await
        .map_err(|refusal| {
            gongkai_app::AppError::Internal(format!(
                "the demo's 2020 report was not published: {} ({refusal:?})",
                refusal.code().as_str()
            ))
        })?;
    Ok(())
}
