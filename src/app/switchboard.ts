import type { Logger } from 'pino';
import { Bus } from '../bus/bus.js';
import { CallService } from '../calls/call-service.js';
import { ExtensionRegistry } from '../calls/extension-registry.js';
import type { Config } from '../config/schema.js';
import { CallTracker } from '../domain/calls/tracker.js';
import type { NumberingSettings } from '../domain/phone/numbering.js';
import { DirectoryChain } from '../directory/chain.js';
import { ColleaguesSource } from '../directory/sources/colleagues.js';
import { PhonebookSource } from '../directory/sources/phonebook.js';
import { NumberingService } from '../numbers/numbering-service.js';
import { Authenticator } from '../server/auth/authenticator.js';
import { CallsRepo } from '../store/calls.js';
import { ContactsRepo } from '../store/contacts.js';
import { CredentialsRepo } from '../store/credentials.js';
import { openStore, type Store } from '../store/database.js';
import { PreferencesRepo } from '../store/preferences.js';
import { SettingsRepo } from '../store/settings.js';
import { SourcesRepo } from '../store/sources.js';
import { UsersRepo } from '../store/users.js';
import { ContactService } from '../contacts/contact-service.js';
import { UserService } from '../users/user-service.js';
import { SourceService } from '../sources/source-service.js';
import { PreferencesService } from '../users/preferences.js';
import type { CapabilityProvider } from '../calls/capabilities.js';
import { AmiSources } from '../telephony/ami/ami-sources.js';
import { sqlitePhoneDirectory, type CallControl } from '../calls/call-control.js';
import { AmiCallControl } from '../telephony/ami/ami-call-control.js';
import { PbxPanel } from '../telephony/ami/pbx-panel.js';
import { CallFlagsBoard } from '../telephony/ami/call-flags.js';

/**
 * The composition root: every long-lived piece is built here, once, and handed to whoever needs
 * it. The HTTP server and the CLI both start from this object.
 */
export interface Switchboard {
  config: Config;
  log: Logger;
  store: Store;
  bus: Bus;
  repos: {
    users: UsersRepo;
    credentials: CredentialsRepo;
    sources: SourcesRepo;
    contacts: ContactsRepo;
    calls: CallsRepo;
    settings: SettingsRepo;
    preferences: PreferencesRepo;
  };
  numbering: NumberingService;
  users: UserService;
  preferences: PreferencesService;
  /** Phone backends that can act on calls (PBX connections); empty while every source is a webhook. */
  capabilityProviders: CapabilityProvider[];
  contacts: ContactService;
  sources: SourceService;
  registry: ExtensionRegistry;
  directory: DirectoryChain;
  calls: CallService;
  /** The PBX connections (AMI sources); started by the server only. */
  ami: AmiSources;
  /** Acting on calls and on the users' PBX settings, over the AMI connections. */
  callControl: CallControl;
  /** The operator panel's live view of each PBX. */
  pbx: PbxPanel;
  /** Hold and recording of the PBX calls in progress. */
  callFlags: CallFlagsBoard;
  auth: Authenticator;
  /**
   * Takes up what another process (the CLI) committed to the database since the last call: users,
   * contacts, numbering settings. Cheap when nothing changed (one PRAGMA), so it runs per request.
   */
  syncExternalChanges(): Promise<void>;
  close(): Promise<void>;
}

export async function createSwitchboard(
  config: Config,
  log: Logger,
  options: { databaseFile?: string; backgroundCheckpoints?: boolean } = {},
): Promise<Switchboard> {
  const store = await openStore(config.dataDir, {
    file: options.databaseFile,
    backgroundCheckpoints: options.backgroundCheckpoints ? { onError: (message) => log.warn(message) } : undefined,
  });
  const bus = new Bus((topic, error) => log.error({ err: error, topic }, 'a bus subscriber failed'));
  const repos = {
    users: new UsersRepo(store.db),
    credentials: new CredentialsRepo(store.db),
    sources: new SourcesRepo(store.db),
    contacts: new ContactsRepo(store.db, store.sqlite),
    calls: new CallsRepo(store.db, store.sqlite),
    settings: new SettingsRepo(store.db),
    preferences: new PreferencesRepo(store.db),
  };
  const numbering = await NumberingService.load(
    { settings: repos.settings, contacts: repos.contacts, users: repos.users, bus },
    config.numbering as NumberingSettings,
  );
  const registry = new ExtensionRegistry(store.sqlite);
  const directory = new DirectoryChain([new ColleaguesSource(store.db), new PhonebookSource(repos.contacts)], {
    timeoutMs: config.identify.timeoutMs,
    cacheMs: config.identify.cacheSeconds * 1000,
    cacheSize: config.identify.cacheSize,
  });
  bus.subscribe('contacts.changed', () => directory.invalidate());
  bus.subscribe('users.changed', () => {
    registry.reload();
    directory.invalidate();
  });
  const tracker = new CallTracker({ maxRingMs: config.calls.maxRingSeconds * 1000, maxCallMs: config.calls.maxCallSeconds * 1000 });
  const calls = new CallService({ tracker, calls: repos.calls, registry, directory, bus, normalizer: () => numbering.normalizer(), log });
  const auth = new Authenticator(repos.users, repos.credentials, config.auth.sessionHours * 3600_000);
  const users = new UserService(repos.users, repos.credentials, numbering, bus);
  const preferences = new PreferencesService(repos.preferences, repos.settings, bus);
  const contacts = new ContactService(repos.contacts, numbering, bus);
  // The connections read their settings through the source service, which reports their status: built in that order.
  let ami: AmiSources | undefined;
  const sources = new SourceService(repos.sources, config, {
    connectionStatus: (name) => ami?.statusOf(name),
    onChange: () => void ami?.sync(),
  });
  const pbx = new PbxPanel(bus, log);
  const callFlags = new CallFlagsBoard(bus);
  // The call buttons follow the PBX connections: every open tab re-reads its capabilities.
  const capabilitiesChanged = () => bus.publish('capabilities.changed', {});
  ami = new AmiSources({
    configs: () => sources.amiConnections(),
    calls,
    log,
    listenersFor: (config, devices) => [
      pbx.listenerFor(config.name, devices),
      callFlags.listenerFor(config.name, devices),
      { connected: capabilitiesChanged, disconnected: capabilitiesChanged },
    ],
    stopped: (name) => {
      pbx.remove(name);
      callFlags.remove(name);
      capabilitiesChanged();
    },
  });
  // A user is served by the PBX whose hints list their extension; click-to-call rings the device that hint names (SIP, PJSIP…).
  const callControl = new AmiCallControl({
    ami,
    phones: sqlitePhoneDirectory(store.sqlite),
    bus,
    log,
    sourceOf: (extension) => pbx.sourceOf(extension),
    memberInterface: (source, queue, extension) => pbx.memberInterface(source, queue, extension),
    deviceOf: (extension) => pbx.deviceOf(extension),
  });

  // data_version moves only when another connection commits; our own writes are announced on the bus.
  const dataVersion = store.sqlite.prepare('PRAGMA data_version').pluck();
  let seenVersion = dataVersion.get();
  let syncing: Promise<void> = Promise.resolve();
  const syncExternalChanges = (): Promise<void> => {
    const version = dataVersion.get();
    if (version !== seenVersion) {
      seenVersion = version;
      bus.publish('users.changed', {});
      bus.publish('contacts.changed', { count: 0 });
      void ami.sync();
      // Everyone who asks meanwhile waits for the same reload rather than using stale settings.
      syncing = numbering.reload().catch((error: unknown) => log.error({ err: error }, 'reading the numbering settings failed'));
    }
    return syncing;
  };

  return {
    config,
    log,
    store,
    bus,
    repos,
    numbering,
    users,
    preferences,
    capabilityProviders: [callControl],
    contacts,
    sources,
    registry,
    directory,
    calls,
    ami,
    callControl,
    pbx,
    callFlags,
    auth,
    syncExternalChanges,
    close: async () => {
      await ami.close();
      await store.close();
    },
  };
}
