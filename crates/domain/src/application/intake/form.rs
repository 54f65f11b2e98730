//! 条例第二十九条第三项: 申请公开的政府信息的形式要求，包括获取信息的方式、途径.

/// 条例第二十九条第三项: the form the information is wanted in (所需信息的指定提供方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InfoForm {
    /// 纸质文本
    Paper,
    /// 电子文本 (e-mail, disc or download)
    Electronic,
}

impl InfoForm {
    pub const ALL: [InfoForm; 2] = [Self::Paper, Self::Electronic];

    pub fn code(self) -> &'static str {
        match self {
            Self::Paper => "paper",
            Self::Electronic => "electronic",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// 条例第二十九条第三项: how the information is handed over (获取信息的方式、途径).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// 邮寄 (needs a postal address)
    Post,
    /// 电子邮件 (needs an e-mail address)
    Email,
    /// 自行领取、当场阅读抄录
    Pickup,
    /// 网上获取 on this platform
    Online,
}

impl Delivery {
    pub const ALL: [Delivery; 4] = [Self::Post, Self::Email, Self::Pickup, Self::Online];

    pub fn code(self) -> &'static str {
        match self {
            Self::Post => "post",
            Self::Email => "email",
            Self::Pickup => "pickup",
            Self::Online => "online",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }
}
