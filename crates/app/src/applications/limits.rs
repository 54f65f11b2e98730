//! How many applications one applicant may file online in a day. 条例 sets no limit, and a citizen may apply as
//! often as they need; the limit (`[intake] per_identity_per_day`) only keeps one identity, real or made up,
//! from filling the register for everyone else. Staff who register a letter or a visit are never limited.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use sha2::{Digest, Sha256};

const DAY: Duration = Duration::from_secs(24 * 3600);

/// One allowance per applicant identity, kept in this node's memory by the SHA-256 of the identity (never the
/// identity number itself): `per_day` filings, one more each `24 h / per_day` after that.
pub struct IdentityLimit {
    limiter: Option<DefaultKeyedRateLimiter<[u8; 32]>>,
    clock: DefaultClock,
}

impl Default for IdentityLimit {
    /// No limit.
    fn default() -> Self {
        Self {
            limiter: None,
            clock: DefaultClock::default(),
        }
    }
}

impl IdentityLimit {
    /// `per_day` filings per identity in 24 hours; 0 is no limit.
    pub fn per_day(per_day: u32) -> Self {
        let limiter = NonZeroU32::new(per_day).and_then(|n| {
            Quota::with_period(DAY / n.get()).map(|q| RateLimiter::keyed(q.allow_burst(n)))
        });
        Self {
            limiter,
            clock: DefaultClock::default(),
        }
    }

    /// Takes one filing from `identity`'s allowance: `Ok`, or the seconds until the next one is allowed.
    pub fn take(&self, identity: &str) -> Result<(), u64> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        let key: [u8; 32] = Sha256::digest(identity.as_bytes()).into();
        limiter
            .check_key(&key)
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()).as_secs().max(1))
    }

    /// Forgets identities whose allowance is full again, so the table does not grow without bound.
    pub fn forget_quiet(&self) {
        if let Some(limiter) = &self.limiter {
            limiter.retain_recent();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identity_gets_its_allowance_and_then_waits_while_others_go_on() {
        let limit = IdentityLimit::per_day(3);
        for _ in 0..3 {
            assert_eq!(limit.take("id:resident_id:11010519491231002X"), Ok(()));
        }
        let wait = limit
            .take("id:resident_id:11010519491231002X")
            .expect_err("the fourth within a day waits");
        assert!(
            (7_000..=8 * 3600).contains(&wait),
            "one more after about 8 hours, not {wait} s"
        );
        assert_eq!(
            limit.take("org:91410883MA44XXXX0X"),
            Ok(()),
            "another applicant"
        );
        let unlimited = IdentityLimit::per_day(0);
        for _ in 0..100 {
            assert_eq!(unlimited.take("id:x"), Ok(()));
        }
    }
}
