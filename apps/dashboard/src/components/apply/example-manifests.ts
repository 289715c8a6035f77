/**
 * The editor's examples: the manifests a learner meets in the basics (most adapted from the study notes
 * in /work/shared/seeds: the Deployment and Service of 000, the Deployment + Service + Ingress of 003 §16).
 */
export interface ExampleManifest {
  id: string;
  title: string;
  description: string;
  yaml: string;
}

export const EXAMPLES: ExampleManifest[] = [
  {
    id: 'deployment',
    title: 'Deployment: nginx, 3 replicas',
    description: 'A Deployment creates a ReplicaSet, which keeps 3 pods running.',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  strategy:
    type: RollingUpdate
    rollingUpdate: { maxUnavailable: 0, maxSurge: 1 }
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
          ports:
            - containerPort: 80
          resources:
            requests: { cpu: 100m, memory: 64Mi }
`,
  },
  {
    id: 'service',
    title: 'Service: ClusterIP for nginx',
    description: 'A stable virtual IP in front of the pods labelled app=nginx.',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  type: ClusterIP
  selector:
    app: nginx
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
`,
  },
  {
    id: 'configmap',
    title: 'ConfigMap, used as environment',
    description: 'Settings kept apart from the image; the pod reads them as environment variables (run env in its terminal).',
    yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  APP_MODE: production
  APP_GREETING: hello from a ConfigMap
---
apiVersion: v1
kind: Pod
metadata:
  name: config-reader
  labels:
    app: config-reader
spec:
  containers:
    - name: app
      image: busybox:1.36
      command: ["sh", "-c", "echo mode=$APP_MODE; echo $APP_GREETING; sleep infinity"]
      envFrom:
        - configMapRef:
            name: app-config
`,
  },
  {
    id: 'job',
    title: 'Job: run to completion',
    description: 'A Job runs its pod until it exits 0, then counts it as completed.',
    yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: count-to-ten
spec:
  completions: 1
  backoffLimit: 3
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: counter
          image: busybox:1.36
          command: ["sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do echo $i; done; echo done"]
`,
  },
  {
    id: 'pending',
    title: 'Pod that stays Pending (asks for too much CPU)',
    description: 'No node has 64 CPUs to spare: the scheduler says why on the pod\u2019s Scheduling tab and in a FailedScheduling event.',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: too-big
  labels:
    app: too-big
spec:
  containers:
    - name: app
      image: nginx:1.25
      resources:
        requests:
          cpu: "64"
          memory: 1Gi
`,
  },
  {
    id: 'cronjob',
    title: 'CronJob: every minute',
    description: 'A CronJob creates a Job on a schedule; each Job runs one pod.',
    yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello-every-minute
spec:
  schedule: "*/1 * * * *"
  successfulJobsHistoryLimit: 3
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: hello
              image: busybox:1.36
              command: ["sh", "-c", "date; echo Hello from the CronJob"]
`,
  },
  {
    id: 'app',
    title: 'Multi-document app: Deployment + Service + Ingress',
    description: 'Three objects in one file, separated by ---, applied together.',
    yaml: `# deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata: { name: app, labels: { app: app } }
spec:
  replicas: 2
  selector: { matchLabels: { app: app } }
  template:
    metadata: { labels: { app: app } }
    spec:
      containers:
        - name: app
          image: ghcr.io/org/app:1.0.0
          ports: [{ containerPort: 8080 }]
          resources:
            requests: { cpu: "200m", memory: "256Mi" }
            limits:   { cpu: "500m", memory: "512Mi" }
          readinessProbe:
            httpGet: { path: /health, port: 8080 }
            initialDelaySeconds: 5
---
# service.yaml
apiVersion: v1
kind: Service
metadata: { name: app-svc }
spec:
  selector: { app: app }
  ports:
    - port: 80
      targetPort: 8080
  type: ClusterIP
---
# ingress.yaml
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app-ing
spec:
  rules:
    - host: app.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: { name: app-svc, port: { number: 80 } }
`,
  },
  {
    id: 'bad-image',
    title: 'Pod with an image that cannot be pulled',
    description: 'nginx has no tag "no-such-tag": ErrImagePull, then ImagePullBackOff, with Warning events.',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: bad-image
spec:
  containers:
    - name: web
      image: nginx:no-such-tag
`,
  },
  {
    id: 'crashloop',
    title: 'Deployment that crash-loops',
    description: 'Its container exits 1 after 3 s (a simulator annotation): restarts, BackOff, and logs of the previous container.',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: crasher
spec:
  replicas: 1
  selector:
    matchLabels: { app: crasher }
  template:
    metadata:
      labels: { app: crasher }
      annotations:
        sim.drydock.dev/crash: 3s
    spec:
      containers:
        - name: app
          image: busybox:1.36
          command: ["sh", "-c", "echo starting; echo working; sleep infinity"]
`,
  },
];
