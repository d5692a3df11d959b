function failures = run_tests(baseUrl, transports)
%RUN_TESTS Tests of NeuromodClient against a running service (MATLAB or GNU Octave).
%
%   run_tests('http://127.0.0.1:8080')   or, with NEUROMOD_URL set, run_tests()
%   run_tests(url, {'curl'})             only the given transports
%
%   Every test runs once per transport: 'java' (when a Java runtime is there) and
%   'curl'. The 'webservices' transport cannot read problem details, so it gets a
%   read test of its own in Octave (MATLAB's webwrite is not exercised here).
%
%   Prints one line per test and a closing "N passed, M failed" line, and returns the
%   number of failures. From a shell, exit non-zero on failure:
%
%       octave-cli --eval "exit(run_tests() > 0)"

if nargin < 1 || isempty(baseUrl)
    baseUrl = getenv('NEUROMOD_URL');
end
if isempty(baseUrl)
    error('run_tests:noService', 'give the service URL or set NEUROMOD_URL');
end
here = fileparts(mfilename('fullpath'));
addpath(fullfile(here, '..'));

if nargin < 2 || isempty(transports)
    transports = {'curl'};
    if usejava('jvm')
        transports = {'java', 'curl'};
    end
end
NeuromodClient(baseUrl, 'Timeout', 30, 'Transport', transports{1}).waitUntilReady(120);

tests = {
    @agentsListTheirParameters
    @sessionIsCreatedReadListedAndDeleted
    @trialLoopRunsAndKeepsTheRunningLogLikelihood
    @actOnAnOpenTrialAnswersTheSameTrial
    @repeatedFeedbackAnswersTheStoredResult
    @noResponseTrialClosesWithoutLearning
    @shadowFeedbackLearnsFromTheSubjectsChoice
    @shadowFeedbackWithoutActRecordsTheSubjectsTrials
    @metadataComesBackInTheTrialLogAndCsv
    @batchRunsItsTrialsAndARepeatAnswersTheSame
    @batchOfMixedStepsContinuesTheNumbering
    @batchAtTheWrongTrialOrWithBadStepsIsRefused
    @unknownSessionIsNotFound
    @feedbackForAnotherTrialIsAConflict
    @differentPayloadForAClosedTrialIsAConflict
    @invalidSessionsAreBadRequests
    @unknownOptionsAreRejected
    @anUnreachableServiceIsReportedAfterTheRetries
    @anExperimentReportsEachAgent
    @aFitReturnsEstimatesAndTraces
    @anExperimentWaitedForAsAJobReportsTheSynchronousResults
    @anErrorWhileWaitingCancelsTheRun
    @unknownAndMalformedRunsAreProblems
    @pollReturnsEachTrialInItsCurrentStateOnce
    @followCallsBackForEachTrialUntilStopped
};

runs = {};
for t = 1:numel(transports)
    client = NeuromodClient(baseUrl, 'Timeout', 30, 'Transport', transports{t});
    for i = 1:numel(tests)
        runs(end + 1, :) = {tests{i}, client, transports{t}}; %#ok<AGROW>
    end
end
if NeuromodClient.runsOnOctave()
    runs(end + 1, :) = {@webservicesTransportReadsWithWebread, ...
        NeuromodClient(baseUrl, 'Timeout', 30, 'Transport', transports{1}), 'webservices'};
end

passed = 0;
failures = 0;
for r = 1:size(runs, 1)
    [test, client, transport] = runs{r, :};
    name = sprintf('%s [%s]', func2str(test), transport);
    try
        test(client);
        passed = passed + 1;
        fprintf('PASS %s\n', name);
    catch err
        failures = failures + 1;
        fprintf('FAIL %s: %s\n', name, err.message);
        for k = 1:numel(err.stack)
            fprintf('       at %s line %d\n', err.stack(k).name, err.stack(k).line);
        end
    end
end
fprintf('%d passed, %d failed\n', passed, failures);
end

% ------------------------------------------------------------------------- helpers

function session = newSession(client, arms, varargin)
session = client.createSession('boltzmann', arms, 'Seed', 11, ...
    'Labels', struct('suite', 'matlab-client', 'run', sprintf('%d', floor(rand() * 1e9))), varargin{:});
end

function check(condition, varargin)
if ~condition
    error('run_tests:check', varargin{:});
end
end

function identifier = errorOf(call)
identifier = '';
try
    call();
catch err
    identifier = err.identifier;
end
end

% ------------------------------------------------------------------------- tests

function agentsListTheirParameters(client)
types = client.agents();
if iscell(types)
    names = cellfun(@(t) t.name, types, 'UniformOutput', false);
else
    names = {types.name};
end
check(any(strcmp(names, 'boltzmann')), 'boltzmann missing from %s', strjoin(names, ', '));
end

function sessionIsCreatedReadListedAndDeleted(client)
session = newSession(client, 3, 'Parameters', struct('temperature', 0.5));
check(ischar(session.id) && ~isempty(session.id), 'no session id');
check(session.arms == 3 && strcmp(session.agent, 'boltzmann'), 'wrong agent or arms');
check(session.parameters.temperature == 0.5 && session.parameters.learningRate == 0.25, ...
    'parameters not filled in');
check(session.seed == 11 && session.trials == 0, 'wrong seed or trial count');
again = client.getSession(session);
check(strcmp(again.id, session.id), 'getSession returned another session');
page = client.listSessions('Labels', struct('run', session.labels.run));
check(page.total == 1, 'label filter found %d sessions', page.total);
client.deleteSession(session.id);
check(strcmp(errorOf(@() client.getSession(session)), 'neuromod:notFound'), ...
    'a deleted session is still there');
end

function trialLoopRunsAndKeepsTheRunningLogLikelihood(client)
session = newSession(client, 2);
total = 0;
for t = 1:20
    decision = client.act(session);
    check(decision.trial == t, 'trial %d numbered %d', t, decision.trial);
    check(any(decision.action == [0 1]), 'action %d is not an arm', decision.action);
    check(abs(sum(decision.probabilities) - 1) < 1e-9, 'probabilities do not sum to 1');
    result = client.feedback(session, decision.trial, double(decision.action == 1));
    check(result.trial == t && result.action == decision.action, 'feedback for the wrong trial');
    total = total + log(decision.probabilities(decision.action + 1));
    check(abs(result.logLikelihood - total) < 1e-9 * max(1, abs(total)), ...
        'log-likelihood %g, expected %g', result.logLikelihood, total);
end
final = client.getSession(session);
check(final.trials == 20, 'session has %d trials', final.trials);
end

function actOnAnOpenTrialAnswersTheSameTrial(client)
session = newSession(client, 3);
first = client.act(session);
again = client.act(session);
check(again.trial == first.trial && again.action == first.action, 'act drew again');
check(isequal(again.probabilities, first.probabilities), 'probabilities changed');
end

function repeatedFeedbackAnswersTheStoredResult(client)
session = newSession(client, 3);
decision = client.act(session);
first = client.feedback(session, decision.trial, 1);
repeated = client.feedback(session, decision.trial, 1);
check(isequal(first, repeated), 'a repeated feedback answered differently');
next = client.act(session);
check(next.trial == 2, 'a repeated feedback was applied twice');
end

function noResponseTrialClosesWithoutLearning(client)
session = newSession(client, 2);
decision = client.act(session);
result = client.feedback(session, decision.trial, []);
check(isempty(result.reward), 'a no-response trial has a reward');
check(isequal(result.signals.values, decision.signals.values), 'a no-response trial was learned');
next = client.act(session);
check(next.trial == 2, 'the no-response trial did not close');
end

function shadowFeedbackLearnsFromTheSubjectsChoice(client)
session = newSession(client, 2);
decision = client.act(session);
subject = 1 - decision.action;
result = client.feedback(session, decision.trial, 1, 'Action', subject);
check(result.action == subject, 'learned from action %d, not the subject''s %d', result.action, subject);
check(abs(result.actionProbability - decision.probabilities(subject + 1)) < 1e-12, ...
    'actionProbability is not the model''s probability of the subject''s choice');
end

function shadowFeedbackWithoutActRecordsTheSubjectsTrials(client)
session = newSession(client, 2);
choices = [0 0 1 1 0];
rewards = [1 0 1 1 0];
for t = 1:numel(choices)
    result = client.feedback(session, t, rewards(t), 'Action', choices(t));
    check(result.trial == t && result.action == choices(t), 'shadow trial %d not recorded', t);
end
page = client.trials(session);
check(page.total == numel(choices), 'the log has %d trials', page.total);
end

function metadataComesBackInTheTrialLogAndCsv(client)
session = newSession(client, 2);
decision = client.act(session, 'Metadata', struct('bpodTrial', 17, 'itiStart', 12.5));
client.feedback(session, decision.trial, 1, 'Metadata', struct('outcomeTime', 13.25, 'event', 'choice'));
page = client.trials(session);
row = page.items(1);
if iscell(row)
    row = row{1};
end
check(row.actMetadata.bpodTrial == 17 && row.actMetadata.itiStart == 12.5, ...
    'act metadata came back as %s', jsonencode(row.actMetadata));
check(row.feedbackMetadata.outcomeTime == 13.25 && strcmp(row.feedbackMetadata.event, 'choice'), ...
    'feedback metadata came back as %s', jsonencode(row.feedbackMetadata));
csvText = client.trialsCsv(session);
lines = regexp(strtrim(csvText), '\r?\n', 'split');
check(numel(lines) == 2, 'the CSV has %d lines, expected a header and one row', numel(lines));
check(~isempty(strfind(lines{1}, 'actMetadata')), 'the CSV header has no actMetadata column');
for value = {'bpodTrial', '17', '12.5', '13.25', 'choice'}
    check(~isempty(strfind(lines{2}, value{1})), 'metadata %s missing from the CSV row', value{1});
end
end

function row = trialRow(trials, i)
% A row of the trial log: jsondecode gives a struct array, or a cell array when rows differ.
if iscell(trials)
    row = trials{i};
else
    row = trials(i);
end
end

function batchRunsItsTrialsAndARepeatAnswersTheSame(client)
session = newSession(client, 3);
rewards = [0 1 0.5; 1 0 0; 0.25 0.5 0.75; 0 0 1];
result = client.batch(session, rewards, 1);
check(result.firstTrial == 1 && result.trialCount == 4, 'batch answered trials %d..%d', ...
    result.firstTrial, result.trialCount);
check(numel(result.trials) == 4, 'the batch has %d trials', numel(result.trials));
total = 0;
for t = 1:4
    row = trialRow(result.trials, t);
    check(row.trial == t, 'trial %d numbered %d', t, row.trial);
    check(row.reward == rewards(t, row.action + 1), 'trial %d was paid %g, not the reward of arm %d', ...
        t, row.reward, row.action);
    check(row.proposedAction == row.action, 'trial %d was not the agent''s choice', t);
    total = total + log(row.actionProbability);
end
check(abs(result.logLikelihood - total) < 1e-9 * max(1, abs(total)), ...
    'log-likelihood %g, expected %g', result.logLikelihood, total);
again = client.batch(session, rewards, 1);
check(isequal(again, result), 'a repeated batch answered differently');
final = client.getSession(session);
check(final.trials == 4, 'the session has %d trials after a repeated batch', final.trials);
page = client.trials(session);
check(page.total == 4, 'the trial log has %d trials', page.total);
end

function batchOfMixedStepsContinuesTheNumbering(client)
session = newSession(client, 2);
decision = client.act(session);
client.feedback(session, decision.trial, 1);
steps = struct('rewards', {[1 0], [], [0; 1]}, 'action', {[], 1, []}, 'reward', {[], 0.5, []}, ...
    'stimulation', {0.05, [], []});
result = client.batch(session, steps, 2);
check(result.firstTrial == 2 && result.trialCount == 4, 'batch answered trials %d..%d', ...
    result.firstTrial, result.trialCount);
second = trialRow(result.trials, 1);
check(second.stimulation == 0.05, 'the stimulation of the first step was not kept');
subject = trialRow(result.trials, 2);
check(subject.action == 1 && isempty(subject.proposedAction) && subject.reward == 0.5, ...
    'the subject''s step was not recorded as its choice');
next = client.act(session);
check(next.trial == 5, 'act after the batch opened trial %d', next.trial);
end

function batchAtTheWrongTrialOrWithBadStepsIsRefused(client)
session = newSession(client, 2);
client.batch(session, [1 0; 0 1], 1);
check(strcmp(errorOf(@() client.batch(session, [1 0; 0 1] + 5, 1)), 'neuromod:conflict'), ...
    'a different batch at a used first trial was accepted');
check(client.LastProblem.properties.expectedTrial == 3, 'expectedTrial is %d', ...
    client.LastProblem.properties.expectedTrial);
check(strcmp(client.LastProblem.type, '/problems/batch-conflict'), 'problem type %s', ...
    client.LastProblem.type);
check(strcmp(errorOf(@() client.batch(session, [1 0 0], 3)), 'neuromod:badRequest'), ...
    'a step with three rewards for two arms was accepted');
check(~isempty(strfind(client.LastProblem.detail, 'steps[0]')), 'the problem does not name the step: %s', ...
    client.LastProblem.detail);
check(strcmp(errorOf(@() client.batch(session, 'rewards', 3)), 'neuromod:badArgument'), ...
    'text was taken for steps');
final = client.getSession(session);
check(final.trials == 2, 'refused batches changed the session to %d trials', final.trials);
end

function unknownSessionIsNotFound(client)
missing = sprintf('no-such-session-%d', floor(rand() * 1e9));
check(strcmp(errorOf(@() client.getSession(missing)), 'neuromod:notFound'), 'getSession');
check(strcmp(errorOf(@() client.act(missing)), 'neuromod:notFound'), 'act');
check(strcmp(errorOf(@() client.feedback(missing, 1, 1)), 'neuromod:notFound'), 'feedback');
problem = client.LastProblem;
check(problem.status == 404, 'LastProblem.status is %d', problem.status);
check(~isempty(problem.title) && ~strcmp(problem.type, 'about:blank'), 'the problem has no type or title');
end

function feedbackForAnotherTrialIsAConflict(client)
session = newSession(client, 2);
decision = client.act(session);
check(strcmp(errorOf(@() client.feedback(session, decision.trial + 5, 1)), 'neuromod:conflict'), ...
    'feedback for a trial that is not open was accepted');
problem = client.LastProblem;
check(problem.status == 409, 'LastProblem.status is %d', problem.status);
check(~isempty(strfind(problem.detail, sprintf('%d', decision.trial))), ...
    'the problem does not say which trial is expected: %s', problem.detail);
end

function differentPayloadForAClosedTrialIsAConflict(client)
session = newSession(client, 2);
decision = client.act(session);
client.feedback(session, decision.trial, 1);
check(strcmp(errorOf(@() client.feedback(session, decision.trial, 0)), 'neuromod:conflict'), ...
    'a different reward for a closed trial was accepted');
end

function invalidSessionsAreBadRequests(client)
check(strcmp(errorOf(@() client.createSession('no-such-agent', 2)), 'neuromod:badRequest'), 'unknown agent');
check(strcmp(errorOf(@() client.createSession('boltzmann', 0)), 'neuromod:badRequest'), 'zero arms');
check(strcmp(errorOf(@() client.createSession('boltzmann', 2, ...
    'Parameters', struct('temperature', -1))), 'neuromod:badRequest'), 'negative temperature');
problem = client.LastProblem;
check(problem.status == 400 && ~isempty(problem.detail), 'the problem has no detail');
end

function unknownOptionsAreRejected(client)
check(strcmp(errorOf(@() client.act('x', 'Stimulaton', 1)), 'neuromod:badArgument'), ...
    'a misspelt option was accepted');
end

function anUnreachableServiceIsReportedAfterTheRetries(client)
nowhere = NeuromodClient('http://127.0.0.1:9', 'Transport', client.Transport, 'Retries', 1, 'Timeout', 2);
check(strcmp(errorOf(@() nowhere.act('x')), 'neuromod:unreachable'), 'no error for a closed port');
check(nowhere.LastProblem.status == 0, 'LastProblem.status is %d', nowhere.LastProblem.status);
check(~nowhere.isReady(), 'a closed port is ready');
end

function anExperimentReportsEachAgent(client)
agents = struct('label', {'bz'}, 'agent', {'boltzmann'}, 'parameters', {struct()});
result = client.runExperiment('reversal', agents, 2, 'Seed', 1);
entry = result.results(1);
if iscell(entry)
    entry = entry{1};
end
check(strcmp(entry.label, 'bz') && strcmp(entry.agent, 'boltzmann'), 'wrong agent in the results');
check(entry.cumulativeRegret.mean >= 0, 'negative cumulative regret');
check(entry.bestArmFraction.mean >= 0 && entry.bestArmFraction.mean <= 1, 'best-arm fraction out of [0, 1]');
end

function aFitReturnsEstimatesAndTraces(client)
rewards = [1 0 1 1 0 1 1 1 0 1 0 0 1 0 0 1 0 0 0 1];
actions = [0 0 0 0 1 0 0 0 1 0 1 1 1 1 0 1 1 0 1 1];
trials = struct('action', num2cell(actions), 'reward', num2cell(rewards));
result = client.fit('boltzmann', struct('label', 'm1', 'arms', 2, 'trials', trials), ...
    'Free', struct('learningRate', struct('minimum', 0.01, 'maximum', 0.99), ...
                   'temperature', struct('minimum', 0.05, 'maximum', 5)), ...
    'Starts', 2, 'Seed', 1, 'Progress', @(done, total) assert(done <= total));
entry = result.results(1);
if iscell(entry)
    entry = entry{1};
end
check(strcmp(result.status, 'done'), 'the fit did not finish');
check(strcmp(entry.label, 'm1') && entry.trials == 20, 'wrong subject in the results');
check(entry.estimates.learningRate.value >= 0.01 && entry.estimates.learningRate.value <= 0.99, ...
    'learning rate outside its bounds');
check(isfinite(entry.logLikelihood) && entry.logLikelihood < 0, 'no log-likelihood');
trace = result.traces{1};
check(numel(trace.trials) == 20, 'the trace does not have every trial');
first = trace.trials(1);
if iscell(first)
    first = first{1};
end
check(abs(first.signals.learningRate - entry.estimates.learningRate.value) < 1e-12, ...
    'the trace is not at the estimates');
end

function anExperimentWaitedForAsAJobReportsTheSynchronousResults(client)
agents = struct('label', {'bz', 'ucb'}, 'agent', {'boltzmann', 'discounted-ucb'}, ...
    'parameters', {struct(), struct()});
small = struct('blocks', 2, 'blockLength', 100);
run = client.runExperiment('reversal', agents, 3, 'Seed', 5, 'EnvironmentParameters', small, ...
    'Wait', true, 'PollInterval', 0.1);
synchronous = client.runExperiment('reversal', agents, 3, 'Seed', 5, 'EnvironmentParameters', small);
check(strcmp(run.status, 'done'), 'run ended %s', run.status);
check(run.progress.done == 3 && run.progress.total == 3, 'progress %d/%d', run.progress.done, run.progress.total);
check(isequaln(run.results, synchronous.results), 'the job''s results differ from the synchronous answer');
check(isfield(run, 'files') && isfield(run.files, 'summary_csv'), 'summary.csv is not listed');
end

function anErrorWhileWaitingCancelsTheRun(client)
% An error out of the progress function leaves the wait as Ctrl-C does: the run is cancelled.
agents = struct('label', {'bz'}, 'agent', {'boltzmann'}, 'parameters', {struct()});
id = '';
try
    client.runExperiment('paper-bandit', agents, 1000, 'Seed', 2, 'Wait', true, 'PollInterval', 0.05, ...
        'Progress', @stopWhenRunning);
catch err
    check(strcmp(err.identifier, 'run_tests:stop'), 'unexpected error %s: %s', err.identifier, err.message);
    id = err.message;
end
check(~isempty(id), 'the wait did not stop');
run = client.experimentRun(id);
check(strcmp(run.status, 'cancelled'), 'the run is %s, not cancelled', run.status);
end

function stopWhenRunning(run)
if strcmp(run.status, 'running')
    error('run_tests:stop', '%s', run.id);
end
end

function unknownAndMalformedRunsAreProblems(client)
check(strcmp(errorOf(@() client.experimentRun('00000000-0000-0000-0000-000000000000')), 'neuromod:notFound'), ...
    'an unknown run is not a notFound error');
check(strcmp(errorOf(@() client.experimentRun('not-a-run')), 'neuromod:badRequest'), ...
    'a malformed run id is not a badRequest error');
end

function webservicesTransportReadsWithWebread(client)
% Octave's webread can GET; the webservices transport's read path runs here too.
reader = NeuromodClient(client.BaseUrl, 'Transport', 'webservices');
session = newSession(client, 2);
again = reader.getSession(session);
check(strcmp(again.id, session.id) && again.arms == 2, 'webread did not read the session');
end

function pollReturnsEachTrialInItsCurrentStateOnce(client)
session = newSession(client, 2);
[trials, cursor] = client.poll(session);
check(isempty(trials) && isempty(cursor), 'a new session has trials');
client.feedback(session, client.act(session).trial, 1);
decision = client.act(session);
[trials, cursor] = client.poll(session, cursor);
check(numel(trials) == 2 && strcmp(cursor, '2:open'), 'poll gave %d trials, cursor %s', numel(trials), cursor);
check(trials{1}.trial == 1 && ~trials{1}.open && trials{2}.open, 'wrong trials');
[trials, cursor] = client.poll(session, cursor);
check(isempty(trials) && strcmp(cursor, '2:open'), 'an unchanged session gave trials');
client.feedback(session, decision.trial, 0);
client.batch(session, [1 0; 0 1], 3);
[trials, cursor] = client.poll(session, cursor);
check(numel(trials) == 3 && strcmp(cursor, '4:closed'), 'poll gave %d trials, cursor %s', numel(trials), cursor);
check(trials{1}.trial == 2 && ~trials{1}.open && trials{3}.trial == 4, 'the closed trial 2 did not come again');
check(strcmp(errorOf(@() client.poll(session, 'bogus')), 'neuromod:badArgument'), 'a bad cursor was accepted');
client.deleteSession(session);
end

function followCallsBackForEachTrialUntilStopped(client)
session = newSession(client, 2);
client.batch(session, [1 0; 0 1; 1 1], 1);
seen = [];
    function record(trial)
        seen(end + 1) = trial.trial;
    end
cursor = client.follow(session, @record, 'Interval', 0.05, 'StopWhen', @(trial) trial.trial == 3);
check(isequal(seen, [1 2 3]) && strcmp(cursor, '3:closed'), 'follow saw %s', mat2str(seen));
client.deleteSession(session);
end
