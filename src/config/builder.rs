//! [`ConfigBuilder`]: what an application sets on a context, and the [`Config`]
//! connections share, built from it once per change.

use super::{security_level, Config};
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, OnceLock};

/// The settings as the application made them (suites, groups, security level, keys
/// ...), read and changed through `Deref` to [`Config`]. [`ConfigBuilder::build`]
/// turns them into the configuration connections run with — the security level
/// applied — once, and hands out the same `Arc` until the settings change again.
/// Cloning a builder (as every new connection does) copies nothing: the settings are
/// shared until one of the copies changes them, and the built configuration is shared
/// too (a clone builds it first, so that the original keeps it for the next clone).
#[derive(Default)]
pub struct ConfigBuilder {
    /// What the application set, shared with the builder's copies until changed.
    wanted: Arc<Config>,
    /// The configuration built from `wanted`, until `wanted` changes.
    built: OnceLock<Arc<Config>>,
}

impl ConfigBuilder {
    /// A builder that starts from `wanted`.
    pub fn new(wanted: Config) -> Self {
        ConfigBuilder { wanted: Arc::new(wanted), built: OnceLock::new() }
    }

    /// The configuration for new connections, built if the settings changed since
    /// the last call.
    pub fn build(&self) -> Arc<Config> {
        self.built.get_or_init(|| Arc::new(security_level::apply(&self.wanted))).clone()
    }
}

impl Clone for ConfigBuilder {
    fn clone(&self) -> Self {
        ConfigBuilder { wanted: Arc::clone(&self.wanted), built: OnceLock::from(self.build()) }
    }
}

impl Deref for ConfigBuilder {
    type Target = Config;

    fn deref(&self) -> &Config {
        &self.wanted
    }
}

impl DerefMut for ConfigBuilder {
    /// Changing the settings drops the configuration built from them (and copies
    /// them first when another builder shares them).
    fn deref_mut(&mut self) -> &mut Config {
        self.built = OnceLock::new();
        Arc::make_mut(&mut self.wanted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suites::KeyExchange;

    #[test]
    fn built_once_and_rebuilt_after_a_change() {
        let mut builder = ConfigBuilder::default();
        let first = builder.build();
        assert!(Arc::ptr_eq(&first, &builder.build()), "no change, same configuration");
        assert!(Arc::ptr_eq(&first, &builder.clone().build()), "a copy shares it");
        builder.security_level = 3;
        let second = builder.build();
        assert!(!Arc::ptr_eq(&first, &second));
        assert!(first.suites.iter().any(|s| s.kx == KeyExchange::Rsa));
        assert!(second.suites.iter().all(|s| s.kx != KeyExchange::Rsa), "level 3 needs forward secrecy");
        assert_eq!(builder.suites.len(), first.suites.len(), "the settings keep what was set");

        let copy = builder.clone();
        assert!(std::ptr::eq(&*copy, &*builder), "a copy shares the settings");
        let mut changed = builder.clone();
        changed.security_level = 1;
        assert!(!std::ptr::eq(&*changed, &*builder), "a change copies them first");
        assert_eq!(builder.security_level, 3, "and leaves the others alone");
        assert!(Arc::ptr_eq(&copy.build(), &second));

        let fresh = ConfigBuilder::default();
        let (a, b) = (fresh.clone(), fresh.clone());
        assert!(Arc::ptr_eq(&a.build(), &b.build()), "copies of an unbuilt builder share one build");
    }
}
