classdef NeuromodClient < handle
    %NEUROMODCLIENT Client for the neuromod-agents service (MATLAB and GNU Octave).
    %
    %   client = NeuromodClient('http://localhost:8080') connects to a service.
    %   client = NeuromodClient(url, 'Timeout', 10, 'Retries', 2, 'Transport', 'java')
    %   sets the answer timeout in seconds, how many times a safe call is retried after
    %   a connection error or timeout, and the HTTP transport (see below).
    %
    %   A trial loop:
    %
    %       client  = NeuromodClient('http://localhost:8080');
    %       session = client.createSession('neuromodulated', 2, 'Labels', struct('subject', 'm17'));
    %       for t = 1:100
    %           decision = client.act(session);           % decision.action is 0-based
    %           reward   = runTrial(decision.action);     % your task; [] if no response
    %           client.feedback(session, decision.trial, reward);
    %       end
    %
    %   Methods (type "help NeuromodClient.<method>" for each):
    %     agents, createSession, listSessions, getSession, deleteSession,
    %     act, feedback, batch, trials, trialsCsv, poll, follow, runExperiment,
    %     experimentRun, cancelExperiment, isReady, waitUntilReady.
    %
    %   Arms and actions are 0-based indices, as in the HTTP contract: add 1 to index a
    %   MATLAB array.
    %
    %   Errors. An error answer of the service (RFC 9457 problem details) raises an error
    %   whose identifier names the kind of problem:
    %     neuromod:badRequest  400/422, invalid input (nothing was changed)
    %     neuromod:notFound    404, no such session
    %     neuromod:conflict    409, feedback for the wrong trial, or a different payload
    %                          for a trial already closed
    %     neuromod:httpError   any other error status
    %     neuromod:unreachable no answer (connection refused, timeout) after all retries
    %   Before raising, the client stores the problem in client.LastProblem, a struct with
    %   fields status, type, title, detail and properties (every other member, e.g. the
    %   expected trial number). The type, such as '/problems/unexpected-trial', is relative
    %   to the service's URL, where the service documents it:
    %
    %       try
    %           client.feedback(session, 99, 1);
    %       catch err
    %           if strcmp(err.identifier, 'neuromod:conflict')
    %               disp(client.LastProblem.detail);
    %           end
    %       end
    %
    %   Retries. act and feedback are harmless to repeat by design of the service: while a
    %   trial is open, act answers that same trial (a retry never draws a second action),
    %   and a repeated feedback is applied once and answers the stored result, as does a
    %   repeated batch. So act, feedback, batch, the read-only calls and deleteSession
    %   are retried (after a connection
    %   error, a timeout, a 502/503/504 answer or a 409 concurrent-update, which means
    %   nothing was applied); createSession and runExperiment are not.
    %
    %   Transports. 'webservices' uses MATLAB's webread/webwrite and is the default in
    %   MATLAB. GNU Octave's webwrite cannot send a JSON body (it form-encodes every
    %   request) nor read the body of an error answer, so Octave uses 'java' (Java's
    %   HttpURLConnection through Octave's Java interface, with keep-alive connections)
    %   when Octave has a Java runtime, and otherwise 'curl' (the curl program through
    %   system(), one process per request: slower). 'java' and 'curl' also work in MATLAB
    %   and are the way to get the full problem details there: MATLAB's webwrite reports
    %   the status of an error answer but not its body, so with 'webservices' LastProblem
    %   holds the status and MATLAB's message only.
    %
    %   See also WEBREAD, WEBWRITE, WEBOPTIONS, JSONENCODE, JSONDECODE.

    properties (SetAccess = private)
        % BaseUrl - the service's root URL, without a trailing slash.
        BaseUrl
        % LastProblem - the problem details of the last error answer (struct), or [].
        LastProblem = []
    end

    properties (Access = private)
        % PendingRun - id of the experiment run runExperiment waits for, cancelled if the
        % wait ends early (Ctrl-C, an error); '' otherwise.
        PendingRun = ''
    end

    properties
        % Timeout - seconds to wait for connecting and for each answer.
        Timeout = 10
        % Retries - extra attempts for a safe call after a connection error or timeout.
        Retries = 2
        % Transport - 'webservices' (webread/webwrite), 'java' or 'curl'.
        Transport
    end

    methods
        function obj = NeuromodClient(baseUrl, varargin)
            %NEUROMODCLIENT Create a client for the service at baseUrl.
            %   client = NeuromodClient('http://localhost:8080', 'Timeout', 10, ...
            %                           'Retries', 2, 'Transport', 'java')
            if nargin < 1 || isempty(baseUrl)
                baseUrl = 'http://localhost:8080';
            end
            if ~ischar(baseUrl) || isempty(regexp(baseUrl, '^https?://[^/]+', 'once'))
                error('neuromod:badArgument', 'baseUrl must be an http(s) URL, got "%s"', char(baseUrl));
            end
            obj.BaseUrl = regexprep(baseUrl, '/+$', '');
            if ~NeuromodClient.runsOnOctave()
                obj.Transport = 'webservices';
            elseif usejava('jvm')
                obj.Transport = 'java';
            else
                obj.Transport = 'curl';
            end
            options = NeuromodClient.options(varargin, struct('Timeout', obj.Timeout, ...
                'Retries', obj.Retries, 'Transport', obj.Transport));
            obj.Timeout = options.Timeout;
            obj.Retries = options.Retries;
            obj.Transport = options.Transport;
        end

        function set.Transport(obj, value)
            if ~any(strcmp(value, {'webservices', 'java', 'curl'}))
                error('neuromod:badArgument', 'Transport must be ''webservices'', ''java'' or ''curl''');
            end
            obj.Transport = value;
        end

        function tf = isReady(obj)
            %ISREADY True when the service answers its readiness probe.
            try
                obj.request('GET', '/actuator/health/readiness', [], 'application/json', false);
                tf = true;
            catch
                tf = false;
            end
        end

        function waitUntilReady(obj, timeoutSeconds)
            %WAITUNTILREADY Wait until the service is ready; error after timeoutSeconds (60).
            if nargin < 2
                timeoutSeconds = 60;
            end
            started = tic;
            while ~obj.isReady()
                if toc(started) > timeoutSeconds
                    error('neuromod:unreachable', '%s was not ready within %g s', obj.BaseUrl, timeoutSeconds);
                end
                pause(0.25);
            end
        end

        function types = agents(obj)
            %AGENTS Every agent type: name, description and parameters (default, range).
            types = obj.call('GET', '/agents', [], true);
        end

        function session = createSession(obj, agent, arms, varargin)
            %CREATESESSION Create a session: a fresh agent for a task with ARMS arms.
            %   session = client.createSession('neuromodulated', 2)
            %   session = client.createSession(agent, arms, 'Parameters', struct(...), ...
            %                                  'Seed', 7, 'Labels', struct('subject', 'm17'))
            %   Returns a struct with id, agent, arms, parameters (defaults filled in),
            %   seed (chosen by the service if not given), labels, trials, createdAt.
            options = NeuromodClient.options(varargin, struct('Parameters', [], 'Seed', [], 'Labels', []));
            body = struct('agent', agent, 'arms', arms);
            if ~isempty(options.Parameters)
                body.parameters = options.Parameters;
            end
            if ~isempty(options.Seed)
                body.seed = options.Seed;
            end
            if ~isempty(options.Labels)
                body.labels = options.Labels;
            end
            session = obj.call('POST', '/sessions', body, false);
        end

        function page = listSessions(obj, varargin)
            %LISTSESSIONS One page of sessions: struct with items and total.
            %   page = client.listSessions('Labels', struct('subject', 'm17'), ...
            %                              'Offset', 0, 'Limit', 100)
            options = NeuromodClient.options(varargin, struct('Labels', [], 'Offset', 0, 'Limit', 100));
            query = sprintf('?offset=%d&limit=%d', options.Offset, options.Limit);
            if ~isempty(options.Labels)
                names = fieldnames(options.Labels);
                for i = 1:numel(names)
                    query = [query, '&label=', NeuromodClient.percentEncode( ...
                        [names{i}, ':', char(options.Labels.(names{i}))])]; %#ok<AGROW>
                end
            end
            page = obj.call('GET', ['/sessions', query], [], true);
        end

        function session = getSession(obj, session)
            %GETSESSION The session as it is now (its trials count included).
            session = obj.call('GET', NeuromodClient.sessionPath(session, ''), [], true);
        end

        function deleteSession(obj, session)
            %DELETESESSION Delete a session and its trials.
            obj.call('DELETE', NeuromodClient.sessionPath(session, ''), [], true);
        end

        function decision = act(obj, session, varargin)
            %ACT Open the next trial and get the agent's action.
            %   decision = client.act(session)
            %   decision = client.act(session, 'Stimulation', 0.05, 'Metadata', struct('ttl', 17))
            %   decision has fields trial, action (0-based), probabilities and signals
            %   (learningRate, temperature, expectedUncertainty, unexpectedUncertainty,
            %   values). While a trial is open, act answers that same trial again.
            %   'Metadata' is your own struct (rig timestamps, ids); it comes back in the
            %   trial log and CSV.
            options = NeuromodClient.options(varargin, struct('Stimulation', [], 'Metadata', []));
            body = struct();
            if ~isempty(options.Stimulation)
                body.stimulation = options.Stimulation;
            end
            if ~isempty(options.Metadata)
                body.metadata = options.Metadata;
            end
            decision = obj.call('POST', NeuromodClient.sessionPath(session, '/act'), body, true);
        end

        function result = feedback(obj, session, trial, reward, varargin)
            %FEEDBACK Close a trial with its outcome; the agent learns from it.
            %   result = client.feedback(session, trial, reward)
            %   result = client.feedback(session, trial, [], ...)  % no response: no learning
            %   result = client.feedback(session, trial, reward, 'Action', a, 'Metadata', m)
            %   'Action' (shadow mode) is the arm the subject actually took (0-based); the
            %   agent learns from it and result.actionProbability is the model's
            %   probability of it. Without an open trial, feedback for the next trial
            %   number with 'Action' records a trial the subject chose on its own.
            %   result has trial, action, reward, predictionError, actionProbability,
            %   logLikelihood (running sum over the session) and signals after learning.
            %   Sending the same feedback again is harmless: it answers the stored result.
            options = NeuromodClient.options(varargin, struct('Action', [], 'Metadata', []));
            if isempty(reward)
                reward = NaN;  % jsonencode writes NaN as null: a no-response trial
            end
            body = struct('trial', trial, 'reward', reward);
            if ~isempty(options.Action)
                body.action = options.Action;
            end
            if ~isempty(options.Metadata)
                body.metadata = options.Metadata;
            end
            result = obj.call('POST', NeuromodClient.sessionPath(session, '/feedback'), body, true);
        end

        function result = batch(obj, session, steps, firstTrial, varargin)
            %BATCH Run many trials in one request (for simulations).
            %   result = client.batch(session, rewards, firstTrial)
            %   result = client.batch(session, steps, firstTrial, 'Timeout', 60)
            %   rewards is a matrix with one row per trial and one column per arm: what
            %   every arm pays on that trial (drawn in advance, valid when the outcomes do
            %   not depend on the agent's choices). The agent chooses an arm and learns its
            %   reward, exactly as act followed by feedback would.
            %   steps may instead be a struct array (or a cell array of structs) with, per
            %   trial, either the field rewards (one reward per arm) or the fields action
            %   (0-based) and reward (a trial the subject chose on its own), and optionally
            %   stimulation and metadata; empty fields are left out.
            %   firstTrial must be the session's next trial number (its trials + 1) and no
            %   trial may be open. The same batch sent again (a retry) answers the stored
            %   trials and applies nothing; anything else at firstTrial raises
            %   neuromod:conflict, with LastProblem.properties.expectedTrial the session's
            %   next trial number. An invalid step raises neuromod:badRequest and nothing is
            %   applied. At most 10000 steps per batch by default.
            %   result has firstTrial, trials (the rows of the trial log), logLikelihood
            %   (the running sum after the batch) and trialCount: the next batch starts at
            %   result.trialCount + 1. 'Timeout' (seconds) overrides the client's timeout
            %   for this call.
            options = NeuromodClient.options(varargin, struct('Timeout', []));
            body = struct('firstTrial', firstTrial);
            body.steps = NeuromodClient.batchSteps(steps);
            result = obj.callWithTimeout(options.Timeout, 'POST', ...
                NeuromodClient.sessionPath(session, '/batch'), body, true);
        end

        function page = trials(obj, session, varargin)
            %TRIALS One page of the trial log: struct with items and total.
            %   page = client.trials(session, 'Offset', 0, 'Limit', 100)
            %   page.items is a struct array (or a cell array of structs when rows have
            %   different metadata fields).
            options = NeuromodClient.options(varargin, struct('Offset', 0, 'Limit', 100));
            path = NeuromodClient.sessionPath(session, ...
                sprintf('/trials?offset=%d&limit=%d', options.Offset, options.Limit));
            page = obj.call('GET', path, [], true);
        end

        function text = trialsCsv(obj, session)
            %TRIALSCSV The whole trial log as CSV text with a header row.
            %   Save it with fid = fopen('trials.csv', 'w'); fprintf(fid, '%s', text);
            %   and read it with readtable (MATLAB) or csv2cell / textscan.
            text = obj.request('GET', NeuromodClient.sessionPath(session, '/trials'), [], 'text/csv', true);
        end

        function [trials, cursor] = poll(obj, session, cursor)
            %POLL The session's trials that are new or changed since the last poll.
            %   [trials, cursor] = client.poll(session)          every trial so far
            %   [trials, cursor] = client.poll(session, cursor)  only those after cursor
            %   trials is a cell array of trial records (as in client.trials), each trial in
            %   its current state: a trial returned open comes again once it is closed.
            %   cursor names the last one returned as the event stream does ('17:open' or
            %   '17:closed'; '' before the first trial); pass it to the next poll. A program
            %   that can hold a connection open may read GET /sessions/{id}/events instead.
            if nargin < 3 || isempty(cursor)
                cursor = '';
            end
            [afterTrial, afterClosed] = NeuromodClient.parseCursor(cursor);
            first = afterTrial + afterClosed;
            if first < 1
                first = 1;
            end
            trials = {};
            pageSize = 500;
            offset = first - 1;
            while true
                page = obj.trials(session, 'Offset', offset, 'Limit', pageSize);
                items = page.items;
                for i = 1:numel(items)
                    if iscell(items)
                        item = items{i};
                    else
                        item = items(i);
                    end
                    closed = ~item.open;
                    if item.trial > afterTrial || (item.trial == afterTrial && closed && ~afterClosed)
                        trials{end + 1} = item; %#ok<AGROW>
                        if closed
                            cursor = sprintf('%d:closed', item.trial);
                        else
                            cursor = sprintf('%d:open', item.trial);
                        end
                    end
                end
                offset = offset + numel(items);
                if numel(items) < pageSize || offset >= page.total
                    break;
                end
            end
        end

        function cursor = follow(obj, session, callback, varargin)
            %FOLLOW Call callback(trial) for each trial as it is acted on and closed.
            %   cursor = client.follow(session, @(trial) disp(trial.action), ...
            %       'Interval', 0.5, 'Duration', 60, 'Cursor', '', 'StopWhen', @(trial) false)
            %   polls every Interval seconds for Duration seconds (Inf: until StopWhen(trial)
            %   is true for a trial) and returns the cursor of the last trial seen, so a later
            %   call continues where this one stopped (see poll).
            options = NeuromodClient.options(varargin, ...
                struct('Interval', 0.5, 'Duration', Inf, 'Cursor', '', 'StopWhen', @(trial) false));
            if isinf(options.Duration) && isequal(func2str(options.StopWhen), func2str(@(trial) false))
                error('neuromod:badArgument', 'give a Duration or a StopWhen condition');
            end
            cursor = options.Cursor;
            started = tic;
            while true
                [trials, cursor] = obj.poll(session, cursor);
                for i = 1:numel(trials)
                    callback(trials{i});
                    if options.StopWhen(trials{i})
                        return;
                    end
                end
                if toc(started) >= options.Duration
                    return;
                end
                pause(options.Interval);
            end
        end

        function result = runExperiment(obj, environment, agents, seeds, varargin)
            %RUNEXPERIMENT Run the paper's simulation experiment on the service.
            %   agents is a struct array with fields label, agent and parameters:
            %   result = client.runExperiment('reversal', ...
            %       struct('label', {'nm', 'bz'}, 'agent', {'neuromodulated', 'boltzmann'}, ...
            %              'parameters', {struct(), struct()}), 20, 'Seed', 1, 'Timeout', 600)
            %   'EnvironmentParameters' (a struct, e.g. struct('stimulation', 0.5)) sets the
            %   environment's parameters; 'Timeout' (seconds) overrides the client's timeout
            %   for this call, since an experiment may run for minutes. Not retried.
            %
            %   'Wait', true runs it as a job of the service (Prefer: respond-async), which
            %   admits larger experiments: the client submits it, polls its progress every
            %   'PollInterval' seconds (default 0.5) and returns the run's document, which
            %   holds the synchronous answer's fields plus id, status, progress and files.
            %   'Progress' shows the progress: true (default) a waitbar in the MATLAB
            %   desktop and a text line elsewhere, false nothing, or a function handle
            %   called with every polled document. Ctrl-C (or any error) while waiting
            %   cancels the run on the service. A run that ends failed or cancelled raises
            %   neuromod:experimentFailed. With 'Wait', 'Timeout' bounds the whole wait.
            options = NeuromodClient.options(varargin, struct('Seed', [], ...
                'EnvironmentParameters', [], 'Timeout', [], 'Wait', false, ...
                'Progress', true, 'PollInterval', 0.5));
            body = struct('environment', environment, 'seeds', seeds);
            body.agents = num2cell(agents(:)');  % a JSON array even for one agent
            if ~isempty(options.Seed)
                body.seed = options.Seed;
            end
            if ~isempty(options.EnvironmentParameters)
                body.environmentParameters = options.EnvironmentParameters;
            end
            if ~options.Wait
                result = obj.callWithTimeout(options.Timeout, 'POST', '/experiments', body, false);
                return;
            end
            result = obj.waitForRun(obj.submitExperiment(body), options);
        end

        function run = submitExperiment(obj, body)
            %SUBMITEXPERIMENT Submit an experiment request body (a struct) as a job.
            %   run = client.submitExperiment(body) returns the run's document (id, status
            %   'queued', progress); see runExperiment with 'Wait', true.
            text = obj.request('POST', '/experiments', jsonencode(body), 'application/json', false, ...
                {'Prefer', 'respond-async'});
            run = jsondecode(text);
        end

        function run = experimentRun(obj, id)
            %EXPERIMENTRUN An experiment run's document: status, progress, and once done
            %   its results (the synchronous answer's fields) and files.
            run = obj.call('GET', NeuromodClient.runPath(id), [], true);
        end

        function run = cancelExperiment(obj, id)
            %CANCELEXPERIMENT Cancel an experiment run; a finished one stays as it is.
            run = obj.call('DELETE', NeuromodClient.runPath(id), [], true);
        end
    end

    methods
        function result = fit(obj, agent, subjects, varargin)
            %FIT Fit an agent to recorded choices on the service and wait for the result.
            %   subjects is a struct array with fields label, arms and trials (a struct array
            %   with fields action, reward and optionally stimulation), or label and sessions
            %   (a cell array of session ids):
            %   trials = struct('action', {0, 1, 1}, 'reward', {1, 0, 1});
            %   result = client.fit('boltzmann', struct('label', 'm1', 'arms', 2, 'trials', trials), ...
            %       'Free', struct('learningRate', struct('minimum', 0.01, 'maximum', 0.99), ...
            %                      'temperature', struct()), 'Starts', 5, 'Seed', 1)
            %   Options: 'Free' (bounds per parameter; an empty struct takes the declared range;
            %   'lapse' for every agent), 'Fixed' (values of other parameters), 'Method' ('mle'
            %   or 'map'), 'Priors', 'Starts', 'Seed', 'Hierarchical' (true for empirical-Bayes
            %   EM), 'Traces' (default true: fetch every subject's per-trial trace),
            %   'Progress' (a function called as progress(done, total) while it runs),
            %   'Timeout' (seconds to wait, default 3600; the fit is cancelled on expiry),
            %   'PollInterval' (seconds, default 0.25).
            %   result.results(i).estimates.<name>.value / .standardError, .logLikelihood,
            %   .aic, .bic, .logEvidence; result.traces{i} is subject i's trace, whose
            %   trials(t).signals hold learningRate, temperature, ...
            options = NeuromodClient.options(varargin, struct('Free', struct(), 'Fixed', [], ...
                'Method', 'mle', 'Priors', [], 'Starts', [], 'Seed', [], 'Hierarchical', false, ...
                'Traces', true, 'Progress', [], 'Timeout', 3600, 'PollInterval', 0.25));
            body = struct('agent', agent, 'method', options.Method);
            body.free = options.Free;
            if ~isempty(options.Fixed)
                body.fixed = options.Fixed;
            end
            if ~isempty(options.Priors)
                body.priors = options.Priors;
            end
            if ~isempty(options.Starts)
                body.starts = options.Starts;
            end
            if ~isempty(options.Seed)
                body.seed = options.Seed;
            end
            if options.Hierarchical
                body.hierarchical = true;
            end
            cells = num2cell(subjects(:)');
            for i = 1:numel(cells)
                if isfield(cells{i}, 'trials')
                    cells{i}.trials = num2cell(cells{i}.trials(:)');  % a JSON array even for one trial
                end
                if isfield(cells{i}, 'sessions') && ~iscell(cells{i}.sessions)
                    cells{i}.sessions = {cells{i}.sessions};
                end
            end
            body.subjects = cells;
            status = obj.call('POST', '/fits', body, false);
            path = ['/fits/', status.id];
            started = tic;
            while any(strcmp(status.status, {'queued', 'running'}))
                if toc(started) > options.Timeout
                    obj.call('DELETE', path, [], true);
                    error('neuromod:timeout', 'fit %s did not finish within %g s; it was cancelled', ...
                        status.id, options.Timeout);
                end
                pause(options.PollInterval);
                status = obj.call('GET', path, [], true);
                if ~isempty(options.Progress)
                    options.Progress(status.progress.done, status.progress.total);
                end
            end
            if ~strcmp(status.status, 'done')
                detail = '';
                if isfield(status, 'error')
                    detail = [': ', status.error.detail];
                end
                error('neuromod:fitFailed', 'fit %s %s%s', status.id, status.status, detail);
            end
            result = status;
            if options.Traces
                traces = cell(1, numel(status.results));
                for i = 1:numel(status.results)
                    entry = status.results(i);
                    if iscell(entry)
                        entry = entry{1};
                    end
                    traces{i} = obj.call('GET', [path, '/subjects/', ...
                        NeuromodClient.percentEncode(entry.label), '/trials'], [], true);
                end
                result.traces = traces;
            end
        end
    end

    methods (Access = private)
        function run = waitForRun(obj, run, options)
            % Polls the run until it ends; the onCleanup object cancels it if the wait is
            % left early (Ctrl-C runs it too).
            obj.PendingRun = run.id;
            cleanup = onCleanup(@() obj.cancelPendingRun()); %#ok<NASGU>
            bar = [];
            useWaitbar = isequal(options.Progress, true) && ~NeuromodClient.runsOnOctave() ...
                && usejava('desktop');
            started = tic;
            while true
                if isa(options.Progress, 'function_handle')
                    options.Progress(run);
                elseif useWaitbar
                    bar = NeuromodClient.showWaitbar(bar, run);
                elseif isequal(options.Progress, true)
                    NeuromodClient.printProgress(run);
                end
                if ~any(strcmp(run.status, {'queued', 'running'}))
                    break;
                end
                if ~isempty(options.Timeout) && toc(started) >= options.Timeout
                    error('neuromod:timeout', 'experiment run %s did not finish within %g s', ...
                        run.id, options.Timeout);
                end
                pause(options.PollInterval);
                run = obj.experimentRun(run.id);
            end
            obj.PendingRun = '';
            if ~isempty(bar)
                close(bar);
            end
            if ~strcmp(run.status, 'done')
                detail = '';
                if isfield(run, 'error') && isstruct(run.error)
                    detail = [': ', run.error.detail];
                end
                error('neuromod:experimentFailed', 'experiment run %s ended %s%s', run.id, run.status, detail);
            end
        end

        function cancelPendingRun(obj)
            if ~isempty(obj.PendingRun)
                id = obj.PendingRun;
                obj.PendingRun = '';
                try
                    obj.cancelExperiment(id);
                catch err
                    warning('neuromod:cancelFailed', 'could not cancel experiment run %s: %s', id, err.message);
                end
            end
        end

        function value = callWithTimeout(obj, timeout, method, path, body, retryable)
            % call with the client's timeout replaced by timeout (seconds) unless it is empty
            clientTimeout = obj.Timeout;
            if ~isempty(timeout)
                obj.Timeout = timeout;
            end
            try
                value = obj.call(method, path, body, retryable);
            catch err
                obj.Timeout = clientTimeout;
                rethrow(err);
            end
            obj.Timeout = clientTimeout;
        end

        function value = call(obj, method, path, body, retryable)
            if isempty(body) && ~isstruct(body)
                payload = '';
            else
                payload = jsonencode(body);
            end
            text = obj.request(method, path, payload, 'application/json', retryable);
            if isempty(text)
                value = [];
            else
                value = jsondecode(text);
            end
        end

        function text = request(obj, method, path, payload, accept, retryable, headers)
            % headers: extra request headers as a cell array {name, value, ...}
            if nargin < 7
                headers = {};
            end
            url = [obj.BaseUrl, path];
            attempts = 0;
            while true
                attempts = attempts + 1;
                switch obj.Transport
                    case 'java'
                        [status, contentType, text] = obj.sendWithJava(method, url, payload, accept, headers);
                    case 'curl'
                        [status, contentType, text] = obj.sendWithCurl(method, url, payload, accept, headers);
                    otherwise
                        [status, contentType, text] = obj.sendWithWebServices(method, url, payload, accept, headers);
                end
                % Not applied, try again: no answer, a gateway or availability error, or
                % another service instance changing the session at the same moment.
                transient = status == 0 || any(status == [502, 503, 504]) ...
                    || (status == 409 && ~isempty(strfind(text, '/problems/concurrent-update')));
                if ~(transient && retryable && attempts <= obj.Retries)
                    break;
                end
                pause(0.05 * 2 ^ (attempts - 1));
            end
            if status == 0
                obj.LastProblem = struct('status', 0, 'type', 'about:blank', ...
                    'title', 'Service unreachable', 'detail', text, 'properties', struct());
                error('neuromod:unreachable', '%s %s failed after %d attempt(s): %s', ...
                    method, url, attempts, text);
            end
            if status >= 400 || status < 0
                obj.raiseProblem(status, contentType, text);
            end
        end

        function raiseProblem(obj, status, contentType, text)
            problem = struct('status', status, 'type', 'about:blank', 'title', '', ...
                'detail', '', 'properties', struct());
            document = [];
            if ~isempty(strfind(lower(contentType), 'json')) && ~isempty(text)
                try
                    document = jsondecode(text);
                catch
                    document = [];
                end
            end
            if isstruct(document)
                names = fieldnames(document);
                for i = 1:numel(names)
                    name = names{i};
                    if any(strcmp(name, {'status', 'type', 'title', 'detail'}))
                        if ~isempty(document.(name))
                            problem.(name) = document.(name);
                        end
                    else
                        problem.properties.(name) = document.(name);
                    end
                end
                problem.status = status;
            else
                problem.detail = text;
            end
            obj.LastProblem = problem;
            switch status
                case {400, 422}
                    identifier = 'neuromod:badRequest';
                case 404
                    identifier = 'neuromod:notFound';
                case 409
                    identifier = 'neuromod:conflict';
                otherwise
                    identifier = 'neuromod:httpError';
            end
            error(identifier, '%d %s: %s [%s]', status, problem.title, problem.detail, problem.type);
        end

        function [status, contentType, text] = sendWithJava(obj, method, url, payload, accept, headers)
            % Java's HttpURLConnection keeps connections alive between requests by itself
            % once each answer has been read to the end.
            status = 0;
            contentType = '';
            try
                connection = javaObject('java.net.URL', url).openConnection();
                connection.setRequestMethod(method);
                connection.setConnectTimeout(round(1000 * obj.Timeout));
                connection.setReadTimeout(round(1000 * obj.Timeout));
                connection.setRequestProperty('Accept', accept);
                for h = 1:2:numel(headers)
                    connection.setRequestProperty(headers{h}, headers{h + 1});
                end
                if strcmp(method, 'POST')
                    if isempty(payload)
                        payload = '{}';
                    end
                    connection.setRequestProperty('Content-Type', 'application/json');
                    connection.setDoOutput(true);
                    output = connection.getOutputStream();
                    output.write(javaObject('java.lang.String', payload).getBytes('UTF-8'));
                    output.close();
                end
                code = connection.getResponseCode();
                if code >= 400
                    stream = connection.getErrorStream();
                else
                    stream = connection.getInputStream();
                end
                text = '';
                if ~isempty(stream)
                    % \A: the start of the input, so the one token is the whole answer.
                    scanner = javaObject('java.util.Scanner', stream, 'UTF-8').useDelimiter('\A');
                    if scanner.hasNext()
                        text = char(scanner.next());
                    end
                    scanner.close();
                end
                contentType = char(connection.getContentType());
                status = double(code);
            catch err
                text = err.message;
            end
        end

        function [status, contentType, text] = sendWithCurl(obj, method, url, payload, accept, headers)
            % One curl process per request; the body goes through a temporary file so no
            % JSON ever passes through the shell.
            bodyFile = [tempname(), '.json'];
            answerFile = [tempname(), '.out'];
            cleanup = onCleanup(@() NeuromodClient.deleteFiles({bodyFile, answerFile}));
            command = sprintf(['curl -sS -X %s --max-time %g -H %s -o %s ', ...
                '-w "%%{http_code} %%{content_type}"'], method, obj.Timeout, ...
                NeuromodClient.shellQuote(['Accept: ', accept]), NeuromodClient.shellQuote(answerFile));
            for h = 1:2:numel(headers)
                command = [command, ' -H ', NeuromodClient.shellQuote([headers{h}, ': ', headers{h + 1}])]; %#ok<AGROW>
            end
            if ~isempty(payload)
                fid = fopen(bodyFile, 'w');
                fwrite(fid, unicode2native(payload, 'UTF-8'));
                fclose(fid);
                command = [command, ' -H "Content-Type: application/json" --data-binary @', ...
                    NeuromodClient.shellQuote(bodyFile)];
            elseif strcmp(method, 'POST')
                command = [command, ' -H "Content-Length: 0"'];
            end
            command = [command, ' ', NeuromodClient.shellQuote(url), ' 2>&1'];
            [exitCode, output] = system(command);
            text = '';
            if exist(answerFile, 'file')
                fid = fopen(answerFile, 'r');
                text = native2unicode(fread(fid, Inf, 'uint8=>uint8')', 'UTF-8');
                fclose(fid);
            end
            if exitCode ~= 0
                status = 0;
                contentType = '';
                % Drop the status that -w writes even when nothing was answered ("000").
                text = sprintf('curl exit code %d: %s', exitCode, ...
                    regexprep(strtrim(output), '\s*000\s*$', ''));
                return;
            end
            tokens = regexp(strtrim(output), '^(\d+)\s*(.*)$', 'tokens', 'once');
            status = str2double(tokens{1});
            contentType = tokens{2};
        end

        function [status, contentType, text] = sendWithWebServices(obj, method, url, payload, accept, headers)
            % MATLAB's webread/webwrite; their errors carry the HTTP status in the
            % identifier (MATLAB:webservices:HTTP404StatusCodeError) but not the body.
            options = weboptions('Timeout', obj.Timeout, 'ContentType', 'text', ...
                'HeaderFields', [{'Accept', accept}; reshape(headers, 2, [])'], ...
                'RequestMethod', lower(method));
            contentType = accept;
            try
                if strcmp(method, 'POST')
                    options.MediaType = 'application/json';
                    if isempty(payload)
                        payload = '{}';
                    end
                    text = webwrite(url, payload, options);
                else
                    text = webread(url, options);
                end
                status = 200;
            catch err
                code = regexp(err.identifier, 'HTTP(\d+)', 'tokens', 'once');
                text = err.message;
                if isempty(code) && ~isempty(strfind(err.message, 'response code said error'))
                    status = -1;  % Octave's webread: an error answer, status not given
                    contentType = 'text/plain';
                elseif isempty(code)
                    status = 0;
                else
                    status = str2double(code{1});
                    contentType = 'text/plain';
                    text = err.message;
                end
            end
            text = char(text);
        end
    end

    methods (Static)
        function tf = runsOnOctave()
            %RUNSONOCTAVE True in GNU Octave, false in MATLAB.
            tf = exist('OCTAVE_VERSION', 'builtin') > 0;
        end
    end

    methods (Static, Access = private)

        function options = options(arguments, defaults)
            % Name-value pairs over defaults; names are case-insensitive.
            options = defaults;
            names = fieldnames(defaults);
            if mod(numel(arguments), 2) ~= 0
                error('neuromod:badArgument', 'options must be name-value pairs');
            end
            for i = 1:2:numel(arguments)
                match = find(strcmpi(arguments{i}, names), 1);
                if isempty(match)
                    error('neuromod:badArgument', 'unknown option "%s"; expected one of: %s', ...
                        char(arguments{i}), strjoin(names', ', '));
                end
                options.(names{match}) = arguments{i + 1};
            end
        end

        function [trial, closed] = parseCursor(cursor)
            % A cursor of poll: '' or '<trial>:open' / '<trial>:closed'.
            trial = 0;
            closed = true;
            if isempty(cursor)
                return;
            end
            tokens = regexp(cursor, '^([1-9][0-9]*):(open|closed)$', 'tokens', 'once');
            if isempty(tokens)
                error('neuromod:badArgument', 'cursor must be ''<trial>:open'' or ''<trial>:closed'', got ''%s''', cursor);
            end
            trial = str2double(tokens{1});
            closed = strcmp(tokens{2}, 'closed');
        end

        function cells = batchSteps(steps)
            % The steps as a cell array of structs, so that jsonencode writes a JSON array of
            % objects even for one step, every rewards vector as an array, and no empty field.
            if isnumeric(steps)
                cells = cell(1, size(steps, 1));
                for i = 1:size(steps, 1)
                    cells{i} = struct('rewards', {steps(i, :)});
                end
                return;
            end
            if isstruct(steps)
                steps = num2cell(steps(:)');
            end
            if ~iscell(steps)
                error('neuromod:badArgument', 'steps must be a reward matrix, a struct array or a cell array of structs');
            end
            cells = cell(1, numel(steps));
            for i = 1:numel(steps)
                step = steps{i};
                if ~isstruct(step)
                    error('neuromod:badArgument', 'step %d is not a struct', i);
                end
                names = fieldnames(step);
                for k = 1:numel(names)
                    if isempty(step.(names{k})) && ~isstruct(step.(names{k}))
                        step = rmfield(step, names{k});
                    end
                end
                if isfield(step, 'rewards')
                    step.rewards = reshape(step.rewards, 1, []);
                end
                cells{i} = step;
            end
        end

        function path = runPath(id)
            if ~ischar(id) || isempty(id)
                error('neuromod:badArgument', 'an experiment run id must be a non-empty char vector');
            end
            path = ['/experiments/', NeuromodClient.percentEncode(id)];
        end

        function printProgress(run)
            % One text line, rewritten in place with a carriage return; ends with a newline.
            [done, total] = NeuromodClient.progressOf(run);
            width = 30;
            filled = 0;
            if total > 0
                filled = floor(width * done / total);
            end
            fprintf('\r[%s%s] %d/%d seeds  %-9s', repmat('#', 1, filled), repmat('.', 1, width - filled), ...
                done, total, run.status);
            if ~any(strcmp(run.status, {'queued', 'running'}))
                fprintf('\n');
            end
        end

        function bar = showWaitbar(bar, run)
            [done, total] = NeuromodClient.progressOf(run);
            fraction = 0;
            if total > 0
                fraction = done / total;
            end
            message = sprintf('Experiment %s: %d of %d seeds', run.status, done, total);
            if isempty(bar) || ~ishandle(bar)
                bar = waitbar(fraction, message, 'Name', 'neuromod experiment');
            else
                waitbar(fraction, bar, message);
            end
        end

        function [done, total] = progressOf(run)
            done = 0;
            total = 0;
            if isfield(run, 'progress')
                done = double(run.progress.done);
                total = double(run.progress.total);
            end
        end

        function path = sessionPath(session, suffix)
            if isstruct(session)
                session = session.id;
            end
            path = ['/sessions/', NeuromodClient.percentEncode(char(session)), suffix];
        end

        function encoded = percentEncode(text)
            bytes = unicode2native(text, 'UTF-8');
            encoded = '';
            for b = bytes
                c = char(b);
                if (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ...
                        || any(c == '-_.~')
                    encoded = [encoded, c]; %#ok<AGROW>
                else
                    encoded = [encoded, sprintf('%%%02X', b)]; %#ok<AGROW>
                end
            end
        end

        function quoted = shellQuote(text)
            if ispc()
                quoted = ['"', text, '"'];
            else
                quoted = ['''', strrep(text, '''', '''\'''''), ''''];
            end
        end

        function deleteFiles(files)
            for i = 1:numel(files)
                if exist(files{i}, 'file')
                    delete(files{i});
                end
            end
        end
    end
end
