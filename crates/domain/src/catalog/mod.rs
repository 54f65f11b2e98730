//! The 政府信息公开目录 (disclosure catalogue): what one published item is made of and the rules it must meet
//! (条例第十二条: 索引、名称、内容概述、生成日期; 第二十条、第二十一条: categories; 第二十六条: 20 working days).
//! Pure rules only; storage and search live elsewhere.

pub mod attachment;
pub mod attachment_text;
pub mod category;
pub mod deadline;
pub mod doc_no;
pub mod index_no;
pub mod item;
pub mod state;
pub mod timing;

pub use attachment::{AttachmentError, AttachmentKind, check_attachment, safe_file_name};
pub use attachment_text::{TextOutcome, has_meaningful_text};
pub use category::{Category, Subject, SubjectError};
pub use deadline::{PUBLICATION_LIMIT_WORKING_DAYS, PublicationCheck, publication_delay};
pub use doc_no::{DocNo, DocNoError, looks_like_doc_no, normalize_doc_no_in_text};
pub use index_no::{IndexNo, IndexNoError};
pub use item::{DocKind, ItemDraft, NewItem, Validity, not_after};
pub use state::{ItemState, Transition, TransitionError};
pub use timing::{PublicationDates, PublicationTiming, change_day, publication_timing};
